package io.tdnet.faketdnet;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.LocalDate;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link FakeTdnet} until killed, to point the CLI at a separately started fake.
 * <pre>
 * FakeTdnetMain [--port N] [--bind 127.0.0.1] [--day 2026-02-13:300[:seed]]... [--empty-day 2026-02-14]...
 * </pre>
 * Prints {@code FakeTdnet listening on <baseUrl>} once it accepts requests.
 */
public final class FakeTdnetMain {
    private FakeTdnetMain() {}

    public static void main(String[] args) throws InterruptedException {
        int port = 0;
        String bind = "127.0.0.1";
        java.util.List<String> dayArgs = new java.util.ArrayList<>();
        java.util.List<LocalDate> emptyDays = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--port" -> port = Integer.parseInt(value(args, ++i, a));
                    case "--bind" -> bind = value(args, ++i, a);
                    case "--day" -> dayArgs.add(value(args, ++i, a));
                    case "--empty-day" -> emptyDays.add(LocalDate.parse(value(args, ++i, a)));
                    default -> throw new IllegalArgumentException("unknown argument: " + a);
                }
            }
            InetAddress address = InetAddress.getByName(bind);
            if (!address.isLoopbackAddress()) throw new IllegalArgumentException("--bind must be a loopback address: " + bind);
            FakeTdnet fake = FakeTdnet.start(address, port);
            for (String d : dayArgs) {
                String[] parts = d.split(":");
                if (parts.length < 2 || parts.length > 3) throw new IllegalArgumentException("--day wants DATE:COUNT[:SEED]: " + d);
                LocalDate date = LocalDate.parse(parts[0]);
                long seed = parts.length == 3 ? Long.parseLong(parts[2]) : date.toEpochDay();
                fake.addDay(date, Integer.parseInt(parts[1]), seed);
            }
            emptyDays.forEach(fake::addEmptyDay);
            Runtime.getRuntime().addShutdownHook(new Thread(fake::close, "fake-tdnet-shutdown"));
            System.out.println("FakeTdnet listening on " + fake.baseUrl());
            System.out.flush();
        } catch (IllegalArgumentException | java.time.DateTimeException | UnknownHostException e) {
            System.err.println("FakeTdnetMain: " + e.getMessage());
            System.err.println("usage: FakeTdnetMain [--port N] [--bind 127.0.0.1] [--day YYYY-MM-DD:COUNT[:SEED]]... [--empty-day YYYY-MM-DD]...");
            System.exit(2);
            return;
        }
        new CountDownLatch(1).await();
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) throw new IllegalArgumentException(flag + " needs a value");
        return args[i];
    }
}
