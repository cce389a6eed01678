package dev.digits.spark.training;

import dev.digits.spark.DigitsSpark;
import dev.digits.app.SparkCommands;
import dev.digits.app.TrainingArguments;
import dev.digits.engine.EngineSelection;
import dev.digits.model.folder.ModelFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code digits-spark train --seeds 1,2,3,4}: one model per seed, each trained as a task of a Spark
 * cluster into {@code seed-N} of the output folder, ready for {@code digits ensemble --choose}.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains one model per seed as tasks of a Spark cluster, one training per executor (of one"
                + " core unless spark.executor.cores says otherwise), into seed-N of the output folder: the members"
                + " of an ensemble (digits ensemble --choose N -o ENSEMBLE DIR/seed-*).",
            "The training options are digits train's. The output folder must be at the same path on the driver and"
                + " every executor (a shared file system). A member is moved into place whole when trained; a member"
                + " in place is not trained again, so the same command resumes. No charts are drawn (digits charts"
                + " DIR draws them)."})
public final class SparkTrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--seeds", required = true, split = ",", paramLabel = "SEED",
            description = "The members' seeds, such as 1,2,3,4: one model each.")
    List<Long> seeds;

    @Option(names = {"-o", "--output"}, defaultValue = "models/members", paramLabel = "DIR",
            description = "The folder of the members, seed-N each (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--master", paramLabel = "URL", description = DigitsSpark.MASTER_HELP)
    String master;

    @Mixin
    TrainingArguments training;

    @Override
    public Integer call() throws Exception {
        if (new LinkedHashSet<>(seeds).size() != seeds.size()) {
            throw new IllegalArgumentException("--seeds names a seed twice: " + seeds);
        }
        Path folder = output.toAbsolutePath().normalize();
        List<Long> toTrain = new ArrayList<>();
        for (long seed : seeds) {
            // Checked here: options that cannot train fail now, not in the tasks.
            training.options(MemberTask.memberFolder(folder, seed), seed);
            if (MemberTask.inPlace(MemberTask.memberFolder(folder, seed))) {
                System.out.println("Member seed-" + seed + " is in place; not trained again");
            } else {
                toTrain.add(seed);
            }
        }
        EngineSelection selection = TrainingSessions.checkDriver("digits-spark train", training.dataDir());
        Files.createDirectories(folder);
        List<String> arguments = new ArrayList<>(SparkCommands.ownArguments(spec));
        // The tasks draw no charts: a cluster need not have the charting library.
        if (!arguments.contains("--no-charts")) {
            arguments.add("--no-charts");
        }
        if (!toTrain.isEmpty()) {
            try (SparkSession spark = TrainingSessions.builder("digits-spark train", master).getOrCreate()) {
                JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
                context.parallelize(toTrain, toTrain.size()).map(new MemberTask(folder.toString(), arguments,
                        selection.engine().djlName(), selection.device().toString())).collect();
            }
        }
        System.out.println();
        List<String> members = new ArrayList<>();
        for (long seed : seeds) {
            Path member = MemberTask.memberFolder(folder, seed);
            members.add(member.toString());
            System.out.printf(Locale.ROOT, "seed-%d: %.2f%% on the test images (%s)%n", seed,
                    new ModelFolder(member).readMetadata().testAccuracy() * 100, member);
        }
        System.out.println("Combine them: digits ensemble --choose " + seeds.size() + " -o " + folder.resolve("ensemble")
                + " " + String.join(" ", members));
        return 0;
    }
}
