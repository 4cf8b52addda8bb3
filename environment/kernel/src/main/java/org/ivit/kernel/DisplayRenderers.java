package org.ivit.kernel;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.common.Image;
import org.dflib.jjava.jupyter.kernel.display.common.Text;
import org.dflib.jjava.jupyter.kernel.display.common.Url;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

/**
 * Builds the renderer that turns cell values into notebook output: jjava-jupyter's image, URL and
 * text renderers, plus an HTML route for any object with a public {@code String toHtml()}. The
 * kernel knows nothing of the library's classes; that method name is the whole contract.
 */
public final class DisplayRenderers {

    private DisplayRenderers() {}

    public static Renderer create() {
        Renderer renderer = new Renderer();
        Image.registerAll(renderer);
        Url.registerAll(renderer);
        Text.registerAll(renderer);
        // Registered on Object, which jjava's renderer consults last: more specific renderers win.
        renderer.createRegistration(Object.class)
                .preferring(MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_HTML)
                .register(DisplayRenderers::renderToHtmlMethod);
        return renderer;
    }

    /** Renders a value; a DisplayData (e.g. from render(...)) is passed through unchanged. */
    public static DisplayData toDisplayData(Renderer renderer, Object value) {
        if (value == null) {
            return new DisplayData("null");
        }
        if (value instanceof DisplayData data) {
            return data;
        }
        DisplayData data = renderer.render(value);
        // toString() of a class declared in a cell names JShell's wrapper:
        // "REPL.$JShell$15$Foo@1bd896ad".
        Object text = data.getData(MIMEType.TEXT_PLAIN);
        if (text instanceof String plain) {
            String cleaned = CellErrors.clean(plain);
            if (!cleaned.equals(plain)) {
                data.putText(cleaned);
            }
        }
        return data;
    }

    private static void renderToHtmlMethod(Object value, RenderContext context) {
        Method toHtml = toHtmlMethod(value.getClass());
        if (toHtml == null) {
            return; // the renderer falls back to text/plain via toString
        }
        context.renderIfRequested(MIMEType.TEXT_HTML, () -> callToHtml(toHtml, value));
    }

    private static Method toHtmlMethod(Class<?> type) {
        try {
            Method method = type.getMethod("toHtml");
            boolean usable =
                    method.getReturnType() == String.class
                            && !Modifier.isStatic(method.getModifiers());
            // Classes declared in cells are not public; their public methods still count.
            return usable && method.trySetAccessible() ? method : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static Object callToHtml(Method toHtml, Object value) {
        try {
            return toHtml.invoke(value);
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException(
                    "toHtml() of " + value.getClass().getName() + " failed: " + cause, cause);
        }
    }
}
