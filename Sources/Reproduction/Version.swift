/// The version of this software: the one place it is written (CITATION.cff quotes it; a test
/// keeps the two equal). The commit comes from the checkout at build time (BuildCommit).
public enum ReproVersion {
    public static let number = "0.9.0"
    /// "unknown" when the binary was built outside a git checkout.
    public static let commit = BuildCommit.hash
    /// What `repro --version` prints and the report's provenance names.
    public static var description: String { "\(number) (commit \(commit))" }
}
