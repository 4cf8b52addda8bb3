package org.ivit.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.common.Image;
import org.dflib.jjava.jupyter.kernel.display.common.Text;
import org.dflib.jjava.jupyter.kernel.display.common.Url;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.ivit.Project;
import org.ivit.results.ResultTable;
import org.ivit.results.ResultTables;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JJava extension, installed the way JJava installs extensions: a kernel built on
 * jjava-jupyter's {@link BaseKernel} loads every {@link Extension} its class loader lists under
 * META-INF/services. The stand-in kernel's renderer has JJava's common routes (images, URLs, text).
 */
class JJavaHtmlExtensionTest {
    @TempDir Path tmp;

    /**
     * A kernel that only renders: enough of BaseKernel for its extension loading and its renderer.
     */
    static final class StandInKernel extends BaseKernel {
        StandInKernel() {
            super(
                    "stand-in",
                    "0",
                    new LanguageInfo(
                            "java", "17", "text/x-java-source", ".jshell", "java", "java", "java"),
                    List.of(),
                    null,
                    new JupyterIO(StandardCharsets.UTF_8),
                    new CommManager(),
                    commonRenderer(),
                    null,
                    null,
                    true,
                    new StringStyler.Builder().build());
            installExtensions(StandInKernel.class.getClassLoader());
        }

        @Override
        public Object evalRaw(String code) {
            throw new UnsupportedOperationException("the stand-in only renders");
        }

        @Override
        public DisplayData inspect(String code, int at, boolean extraDetail) {
            return null;
        }

        @Override
        public ReplacementOptions complete(String code, int at) {
            return null;
        }

        @Override
        public String isComplete(String code) {
            return null;
        }
    }

    private static Renderer commonRenderer() {
        Renderer renderer = new Renderer();
        Image.registerAll(renderer);
        Url.registerAll(renderer);
        Text.registerAll(renderer);
        return renderer;
    }

    /** Declared like a class in a notebook cell: not public, with a public toHtml(). */
    static final class Card {
        public String toHtml() {
            return "<b>card</b>";
        }

        @Override
        public String toString() {
            return "card";
        }
    }

    @Test
    void theExtensionIsListedForJJavasServiceLoader() {
        List<Class<? extends Extension>> found =
                ServiceLoader.load(Extension.class).stream()
                        .map(ServiceLoader.Provider::type)
                        .toList();
        assertTrue(found.contains(JJavaHtmlExtension.class), found.toString());
    }

    @Test
    void aValueWithToHtmlIsShownAsHtmlWithItsTextBeside() {
        Renderer renderer = new StandInKernel().getRenderer();
        DisplayData card = renderer.render(new Card());
        assertEquals("<b>card</b>", card.getData(MIMEType.TEXT_HTML));
        assertEquals("card", card.getData(MIMEType.TEXT_PLAIN));

        ResultTable table = ResultTables.table2(tmp.resolve("results/runs"), "quick");
        DisplayData shown = renderer.render(table);
        assertEquals(table.toHtml(), shown.getData(MIMEType.TEXT_HTML));
        assertEquals(table.toString(), shown.getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void withoutTheExtensionJJavaShowsOnlyText() {
        DisplayData plain = commonRenderer().render(new Card());
        assertFalse(plain.hasDataForType(MIMEType.TEXT_HTML), "this is what the extension fixes");
        assertEquals("card", plain.getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void otherValuesKeepTheirOwnRoutes() {
        Renderer renderer = new StandInKernel().getRenderer();
        DisplayData text = renderer.render("just text");
        assertNull(text.getData(MIMEType.TEXT_HTML));
        assertEquals("just text", text.getData(MIMEType.TEXT_PLAIN));
        DisplayData image = renderer.render(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB));
        assertTrue(image.hasDataForType(MIMEType.IMAGE_PNG));
        assertFalse(image.hasDataForType(MIMEType.TEXT_HTML));
    }

    @Test
    void jjavaShowsATableExactlyAsTheBundledKernelDoes() throws Exception {
        // The bundled kernel is a sibling module, built after this one: compare when its classes
        // are there.
        Path kernelClasses = Project.root().resolve("environment/kernel/target/classes");
        Assumptions.assumeTrue(
                Files.isRegularFile(
                        kernelClasses.resolve("org/ivit/kernel/DisplayRenderers.class")),
                "the kernel module is not built yet");
        try (URLClassLoader kernel =
                new URLClassLoader(
                        new URL[] {kernelClasses.toUri().toURL()}, getClass().getClassLoader())) {
            Renderer bundled =
                    (Renderer)
                            kernel.loadClass("org.ivit.kernel.DisplayRenderers")
                                    .getMethod("create")
                                    .invoke(null);
            Renderer jjava = new StandInKernel().getRenderer();
            Gson gson = new Gson();
            for (Object value :
                    List.of(
                            ResultTables.table1(tmp.resolve("results/runs"), "paper"),
                            new Card(),
                            "text",
                            42)) {
                assertEquals(
                        gson.toJson(bundled.render(value)),
                        gson.toJson(jjava.render(value)),
                        "rendering of " + value.getClass());
            }
        }
    }

    @Test
    void theLibraryDeclaresJJavaAsProvidedSoItsJarDoesNotBundleIt() throws IOException {
        String pom = Files.readString(Project.root().resolve("lib/pom.xml"));
        assertTrue(
                pom.matches(
                        "(?s).*<artifactId>jjava-jupyter</artifactId><scope>provided</scope>.*"),
                "jjava-jupyter must be a provided dependency of lib");
    }
}
