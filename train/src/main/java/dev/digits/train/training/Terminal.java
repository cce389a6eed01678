package dev.digits.train.training;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether this process writes to a person at a terminal rather than to a file or a pipe. */
public final class Terminal {

    private Terminal() {}

    public static boolean isInteractive() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        // From Java 22 a console exists even when output is redirected; isTerminal() tells.
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException olderJava) {
            return true;
        }
    }
}
