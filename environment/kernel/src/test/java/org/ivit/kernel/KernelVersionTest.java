package org.ivit.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class KernelVersionTest {

    @Test
    void theKernelReportsTheProjectVersion() throws Exception {
        String pom = Files.readString(ProjectFiles.root().resolve("environment/kernel/pom.xml"));
        // The parent's version, which the kernel module inherits.
        Matcher parent =
                Pattern.compile("<parent>.*?<version>([^<]+)</version>", Pattern.DOTALL)
                        .matcher(pom);
        parent.find();
        assertEquals(parent.group(1), KernelVersion.current());
    }
}
