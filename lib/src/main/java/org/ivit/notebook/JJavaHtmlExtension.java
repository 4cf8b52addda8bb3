package org.ivit.notebook;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

/**
 * A JJava extension that shows any value with a public {@code String toHtml()} method (the results
 * tables, for instance) as text/html, as the project's own kernel does. Without it JJava shows such
 * values as text/plain only.
 *
 * <p>JJava finds it through {@code META-INF/services/org.dflib.jjava.jupyter.Extension} when the
 * library jar is on {@code JJAVA_CLASSPATH}. The jjava-jupyter classes come from JJava at run time;
 * the library neither bundles them nor needs them anywhere else.
 */
public final class JJavaHtmlExtension implements Extension {

    @Override
    public void install(BaseKernel kernel) {
        register(kernel.getRenderer());
    }

    /**
     * Adds the route to {@code renderer}. It is registered on {@link Object}, which the renderer
     * tries after every more specific registration, so images and the like keep their own routes; a
     * value without {@code toHtml()} falls through to text/plain.
     */
    public static void register(Renderer renderer) {
        renderer.createRegistration(Object.class)
                .preferring(MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_HTML)
                .register(JJavaHtmlExtension::render);
    }

    private static void render(Object value, RenderContext context) {
        Method toHtml = publicToHtml(value.getClass());
        if (toHtml != null) {
            context.renderIfRequested(MIMEType.TEXT_HTML, () -> html(toHtml, value));
        }
    }

    /** The value's public, non-static {@code String toHtml()} with no parameters, or null. */
    static Method publicToHtml(Class<?> type) {
        Method method;
        try {
            method = type.getMethod("toHtml");
        } catch (NoSuchMethodException e) {
            return null;
        }
        if (method.getReturnType() != String.class || Modifier.isStatic(method.getModifiers())) {
            return null;
        }
        // A class declared in a notebook cell is not public itself; its public method still counts.
        return method.trySetAccessible() ? method : null;
    }

    private static String html(Method toHtml, Object value) {
        try {
            return (String) toHtml.invoke(value);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(
                    "toHtml() of " + value.getClass().getName() + " failed: " + e.getCause(),
                    e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(
                    "cannot call toHtml() of " + value.getClass().getName(), e);
        }
    }
}
