package org.ivit.kernel;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.UUID;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;

/**
 * The functions every cell can call without a prefix (the kernel's start-up snippet imports them
 * statically). Signatures follow jjava-jupyter's BaseNotebookStatics, so notebooks run unchanged
 * under JJava:
 *
 * <ul>
 *   <li>{@code display(obj)} shows obj: images as PNG, objects with {@code toHtml()} as HTML,
 *       anything else as text;
 *   <li>{@code display(content, "text/html")} shows content as the given MIME type(s);
 *   <li>{@code render(...)} builds the same output without showing it.
 * </ul>
 */
public final class Notebook {

    private static volatile Binding binding;

    private Notebook() {}

    public static String display(Object value) {
        return show(render(value));
    }

    public static String display(Object value, String... mimeTypes) {
        return show(render(value, mimeTypes));
    }

    public static DisplayData render(Object value) {
        return DisplayRenderers.toDisplayData(current().renderer, value);
    }

    public static DisplayData render(Object value, String... mimeTypes) {
        if (value == null || mimeTypes.length == 0) {
            return render(value);
        }
        return current().renderer.renderAs(value, mimeTypes);
    }

    private static String show(DisplayData data) {
        Binding current = current();
        String id = UUID.randomUUID().toString();
        data.setDisplayId(id);
        current.output.display(data);
        current.displayIds.add(id);
        return id;
    }

    private static Binding current() {
        Binding current = binding;
        if (current == null) {
            throw new IllegalStateException(
                    "display/render can only be used while a notebook cell runs");
        }
        return current;
    }

    /** Routes display calls to the cell that is about to run. */
    static void attach(Renderer renderer, CellOutput output) {
        binding = new Binding(renderer, output);
    }

    static void detach() {
        binding = null;
    }

    /** True if value is the very id string a display call of the current cell returned. */
    static boolean isDisplayId(Object value) {
        Binding current = binding;
        return current != null && value instanceof String && current.displayIds.contains(value);
    }

    private static final class Binding {
        final Renderer renderer;
        final CellOutput output;
        // Identity matters, not equality: only the returned string object itself is "the id".
        final Set<Object> displayIds =
                Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

        Binding(Renderer renderer, CellOutput output) {
            this.renderer = renderer;
            this.output = output;
        }
    }
}
