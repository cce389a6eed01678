package dev.digits.engine;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * This process's C environment. Native libraries read variables such as {@code OMP_NUM_THREADS}
 * with {@code getenv} when they load, so setting them here before the engine loads has the same
 * effect as setting them in the shell; Java's own {@link System#getenv} copy is not changed.
 */
final class NativeEnvironment {

    private interface CLibrary extends Library {
        int setenv(String name, String value, int overwrite);

        String getenv(String name);
    }

    private static CLibrary libc;

    private NativeEnvironment() {}

    private static synchronized CLibrary libc() {
        if (libc == null) {
            libc = Native.load("c", CLibrary.class);
        }
        return libc;
    }

    /** Returns the variable's value, or null. */
    static String get(String name) {
        return libc().getenv(name);
    }

    /** Sets the variable, replacing any value it has. */
    static String set(String name, String value) {
        if (libc().setenv(name, value, 1) != 0) {
            throw new IllegalStateException("setenv(" + name + ") failed");
        }
        return value;
    }

    /** Sets the variable unless it already has a value: a user's own setting wins. */
    static String setIfAbsent(String name, String value) {
        String current = get(name);
        if (current != null && !current.isEmpty()) {
            return current;
        }
        if (libc().setenv(name, value, 0) != 0) {
            throw new IllegalStateException("setenv(" + name + ") failed");
        }
        return value;
    }
}
