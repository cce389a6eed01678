/** Prints the JVM options Spark needs on Java 17 (its launcher's own list), for bench/spark.sh. */
public class SparkModuleOptions {
    public static void main(String[] args) {
        System.out.println(org.apache.spark.launcher.JavaModuleOptions.defaultModuleOptions());
    }
}
