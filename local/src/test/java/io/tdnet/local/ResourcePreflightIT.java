package io.tdnet.local;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdnet.embedded.EmbeddedAwsStack;
import io.tdnet.model.PipelineResources;
import io.tdnet.testkit.aws.EmbeddedAwsExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The preflight against the embedded emulators: each missing resource is named with the stack. */
@ExtendWith(EmbeddedAwsExtension.class)
class ResourcePreflightIT {
    private static final String STACK = "TdnetPipeline-prod";

    private static ResourcePreflight preflight(EmbeddedAwsStack stack) {
        return new ResourcePreflight(stack.sqs(), stack.s3(), stack.dynamoDb());
    }

    @Test
    void aCompleteStackPasses(EmbeddedAwsStack stack) {
        assertThatCode(() -> preflight(stack).check(stack.resources(), STACK)).doesNotThrowAnyException();
    }

    @Test
    void aBucketNameRebuiltWithoutTheAccountIsNamedWithTheStack(EmbeddedAwsStack stack) {
        PipelineResources r = stack.resources();
        PipelineResources rebuilt = new PipelineResources(r.downloadQueueUrl(), r.downloadDlqUrl(), r.persistQueueUrl(),
                r.persistDlqUrl(), r.disclosuresTable(), r.executionsTable(), "tdnet-archive-prod");
        assertThatThrownBy(() -> preflight(stack).check(rebuilt, STACK))
                .isInstanceOf(StackUnusableException.class)
                .hasMessageStartingWith("bucket tdnet-archive-prod of stack " + STACK + ": ")
                .hasMessageMatching("(?s).*(NoSuchBucket|NotFound).*");
    }

    @Test
    void aMissingQueueIsNamedWithTheStack(EmbeddedAwsStack stack) {
        PipelineResources r = stack.resources();
        String gone = r.persistDlqUrl().substring(0, r.persistDlqUrl().lastIndexOf('/') + 1) + "tdnet-persist-dlq-gone";
        PipelineResources missing = new PipelineResources(r.downloadQueueUrl(), r.downloadDlqUrl(), r.persistQueueUrl(),
                gone, r.disclosuresTable(), r.executionsTable(), r.bucket());
        assertThatThrownBy(() -> preflight(stack).check(missing, STACK))
                .isInstanceOf(StackUnusableException.class)
                .hasMessageStartingWith("queue " + gone + " of stack " + STACK + ": ")
                .hasMessageContaining("QueueDoesNotExist");
    }

    @Test
    void aMissingTableIsNamedWithTheStack(EmbeddedAwsStack stack) {
        PipelineResources r = stack.resources();
        PipelineResources missing = new PipelineResources(r.downloadQueueUrl(), r.downloadDlqUrl(), r.persistQueueUrl(),
                r.persistDlqUrl(), r.disclosuresTable(), "tdnet-executions-gone", r.bucket());
        assertThatThrownBy(() -> preflight(stack).check(missing, STACK))
                .isInstanceOf(StackUnusableException.class)
                .hasMessageStartingWith("table tdnet-executions-gone of stack " + STACK + ": ResourceNotFoundException");
    }
}
