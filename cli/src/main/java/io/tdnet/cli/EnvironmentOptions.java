package io.tdnet.cli;

import io.tdnet.local.AwsEnvironment;
import io.tdnet.local.EmbeddedEnvironment;
import io.tdnet.local.PipelineEnvironment;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --data-dir} (local, the default) or {@code --aws} with its flags; shared by every command. */
final class EnvironmentOptions {
    /** The command this mixin belongs to: named in the data dir's lock, so a refused second process knows who holds it. */
    @Spec(Spec.Target.MIXEE) CommandSpec command;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Local state: tables, queues and PDFs (default: ${DEFAULT-VALUE}).",
            defaultValue = "tdnet-data")
    Path dataDir;

    @Option(names = "--aws", description = "Use the deployed stack on AWS instead of the embedded emulators.")
    boolean aws;

    @Option(names = "--profile", description = "AWS profile (with --aws).")
    String profile;

    @Option(names = "--region", description = "AWS region (with --aws).")
    String region;

    @Option(names = "--endpoint-url", paramLabel = "URL", description = "AWS-compatible endpoint, e.g. LocalStack (with --aws).")
    String endpointUrl;

    @Option(names = "--stage", description = "Deployment stage: --aws reads the outputs of stack TdnetPipeline-<stage> (default: ${DEFAULT-VALUE}).",
            defaultValue = "prod")
    String stage;

    @Option(names = "--stack", paramLabel = "NAME", description = "CloudFormation stack to read the resources from, instead of TdnetPipeline-<stage> (with --aws).")
    String stack;

    /** The flags that make a printed command act on the same archive as this one. */
    String commandSuffix() {
        if (!aws) return " --data-dir " + dataDir;
        StringBuilder s = new StringBuilder(" --aws --stage ").append(stage);
        if (stack != null) s.append(" --stack ").append(stack);
        if (profile != null) s.append(" --profile ").append(profile);
        if (region != null) s.append(" --region ").append(region);
        if (endpointUrl != null) s.append(" --endpoint-url ").append(endpointUrl);
        return s.toString();
    }

    PipelineEnvironment open() {
        if (aws) {
            return AwsEnvironment.connect(new AwsEnvironment.AwsOptions(profile, region, endpointUrl, stage, stack));
        }
        return EmbeddedEnvironment.start(dataDir, command == null ? "a tdnet process" : command.qualifiedName());
    }
}
