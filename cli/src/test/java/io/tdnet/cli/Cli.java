package io.tdnet.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the tdnet CLI in-process, capturing what it prints. */
record Cli(int exit, String out, String err) {
    static Cli run(Path dataDir, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (dataDir != null) {
            all.add("--data-dir");
            all.add(dataDir.toString());
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = TdnetCli.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Cli(exit, out.toString(), err.toString());
    }

    @Override
    public String toString() {
        return "exit " + exit + "\n--- out\n" + out + "\n--- err\n" + err;
    }
}
