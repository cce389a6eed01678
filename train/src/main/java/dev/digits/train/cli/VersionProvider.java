package dev.digits.train.cli;

import picocli.CommandLine;

/** The version from the jar's manifest. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = DigitsCommand.class.getPackage().getImplementationVersion();
        return new String[] {"digits " + (version == null ? "(development build)" : version)};
    }
}
