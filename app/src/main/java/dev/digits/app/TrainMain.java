package dev.digits.app;

/**
 * Trains with the default recipe; run it from an IDE with no arguments. Engine and device come
 * from the run configuration's VM options, for example {@code -Dai.djl.default_engine=MXNet}.
 */
public final class TrainMain {

    private TrainMain() {}

    public static void main(String[] args) {
        String[] command = new String[args.length + 1];
        command[0] = "train";
        System.arraycopy(args, 0, command, 1, args.length);
        System.exit(DigitsCommand.run(command));
    }
}
