package dev.digits.engine;

/**
 * Native thread settings per engine, applied before the engine's library loads.
 *
 * <p>PyTorch reads DJL's system properties. MXNet reads environment variables when its library
 * loads: by default it keeps one core busy; with one OpenMP thread per core and its
 * synchronous engine it trains about 1.7 times faster here. A value the user set wins, and
 * {@code OMP_NUM_THREADS} set by the user counts for PyTorch too, as it does in PyTorch itself.
 *
 * <p>Both engines' OpenMP (GNU libgomp) threads spin for 300,000 rounds before they sleep when
 * they wait. Beside a second native workload on the same cores, spinning threads hold the cores
 * the other one needs: two trainings at once each ran at 0.25-0.41x of their speed alone. With
 * 10,000 rounds (PyTorch) they ran at 0.51-0.55x and alone as fast as before; MXNet, which lost
 * about 4% alone at 10,000, gets 30,000: 0.41-0.43x each, and alone as fast as before
 * ({@code bench/beside.sh}).
 */
public final class ThreadSettings {

    static final String PYTORCH_THREADS = "ai.djl.pytorch.num_threads";
    static final String PYTORCH_INTEROP_THREADS = "ai.djl.pytorch.num_interop_threads";
    static final String OMP_THREADS = "OMP_NUM_THREADS";
    static final String MXNET_ENGINE_TYPE = "MXNET_ENGINE_TYPE";
    static final String OMP_WAIT_POLICY = "OMP_WAIT_POLICY";
    static final String GOMP_SPINCOUNT = "GOMP_SPINCOUNT";

    private ThreadSettings() {}

    /**
     * For a server that runs {@code passesAtOnce} forward passes at once and shares its cores with
     * request threads. Call before the engine loads; values the user set win.
     *
     * <ul>
     *   <li>Idle OpenMP threads sleep at once (OMP_WAIT_POLICY=PASSIVE): a spinning thread holds a
     *       core that others need, and a pass waits at its barriers for any thread that lost its
     *       core. Serving PyTorch at 1 to 32 connections, p99 latency fell from 62-185 ms to
     *       11-123 ms at the same throughput.
     *   <li>The passes share the cores: each gets cores / passes intra-op threads (at least one),
     *       not one per core each. Two PyTorch passes of one thread each served as much as two of
     *       two (1,203-1,390 vs 1,140-1,204 answers/s at 32 connections), and a training beside
     *       the busy server kept 0.48x of its speed alone instead of 0.39x.
     * </ul>
     */
    public static void forServer(int passesAtOnce) {
        NativeEnvironment.setIfAbsent(OMP_WAIT_POLICY, "PASSIVE");
        String perPass = Integer.toString(Math.max(1, Runtime.getRuntime().availableProcessors() / passesAtOnce));
        setPropertyIfAbsent(PYTORCH_THREADS, usersOpenMpThreadsOr(perPass));
        NativeEnvironment.setIfAbsent(OMP_THREADS, perPass);
    }

    /** Applies the settings for the engine and returns a description for the log. */
    static String apply(EngineName engine) {
        if (engine == EngineName.ONNX_RUNTIME) {
            // ONNX Runtime keeps its own pool of threads, one per core, and uses no OpenMP.
            return "threads ONNX Runtime's own, one per core";
        }
        int cores = Runtime.getRuntime().availableProcessors();
        String wait = NativeEnvironment.get(OMP_WAIT_POLICY);
        String waiting;
        if (wait == null || wait.isEmpty()) {
            // A wait policy, the user's or the server's, says what it wants; else spin briefly.
            // The user's value is in Java's copy of the environment, which setenv does not change;
            // ours is replaced, so that each engine loads with its own.
            String own = System.getenv(GOMP_SPINCOUNT);
            waiting = ", OpenMP spin " + (own != null && !own.isEmpty() ? own
                    : NativeEnvironment.set(GOMP_SPINCOUNT, spinRounds(engine)));
        } else {
            waiting = ", OpenMP wait policy " + wait;
        }
        if (engine == EngineName.PYTORCH) {
            String intra = setPropertyIfAbsent(PYTORCH_THREADS, usersOpenMpThreadsOr(Integer.toString(cores)));
            String interop = setPropertyIfAbsent(PYTORCH_INTEROP_THREADS, "1");
            return "threads " + intra + " intra-op, " + interop + " inter-op" + waiting;
        }
        String omp = NativeEnvironment.setIfAbsent(OMP_THREADS, Integer.toString(cores));
        String type = NativeEnvironment.setIfAbsent(MXNET_ENGINE_TYPE, "NaiveEngine");
        return "threads " + omp + " OpenMP, " + type + waiting;
    }

    /**
     * The user's {@code OMP_NUM_THREADS}, from Java's copy of the environment (which holds only
     * what the process was started with, not what this class set), or the fallback.
     */
    private static String usersOpenMpThreadsOr(String fallback) {
        String own = System.getenv(OMP_THREADS);
        return own != null && own.matches("\\s*[1-9]\\d{0,3}\\s*") ? own.trim() : fallback;
    }

    /** How long OpenMP threads spin before they sleep, in libgomp's rounds. */
    static String spinRounds(EngineName engine) {
        return engine == EngineName.MXNET ? "30000" : "10000";
    }

    private static String setPropertyIfAbsent(String key, String value) {
        String current = System.getProperty(key);
        if (current != null && !current.isBlank()) {
            return current;
        }
        System.setProperty(key, value);
        return value;
    }
}
