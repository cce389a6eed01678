package dev.digits.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code --version}: the command's name and the version its jar's manifest gives. */
public final class ManifestVersion implements CommandLine.IVersionProvider {

    @Spec
    CommandSpec spec;

    @Override
    public String[] getVersion() {
        String version = spec.userObject().getClass().getPackage().getImplementationVersion();
        return new String[] {spec.name() + " " + (version == null ? "(development build)" : version)};
    }
}
