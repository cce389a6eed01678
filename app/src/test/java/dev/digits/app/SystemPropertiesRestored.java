package dev.digits.app;

import java.util.Properties;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives every test class the system properties the one before it started with. The classes of a
 * module share one JVM, and the engine a command uses is a system property that activating an
 * engine sets: without this, a class that ends on MXNet leaves the next class, whichever it is
 * on a given machine, running on MXNet. Registered for all classes through
 * {@code META-INF/services} and {@code junit-platform.properties}.
 */
public final class SystemPropertiesRestored implements BeforeAllCallback, AfterAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SystemPropertiesRestored.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        Properties copy = new Properties();
        copy.putAll(System.getProperties());
        context.getStore(NAMESPACE).put(context.getUniqueId(), copy);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Properties before = context.getStore(NAMESPACE).remove(context.getUniqueId(), Properties.class);
        if (before != null) {
            System.setProperties(before);
        }
    }
}
