import ArgumentParser
import Reproduction
#if canImport(Glibc)
import Glibc
#endif

@main
struct Repro: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repro",
        abstract: "Reproduce Sharma, Liu & Ozawa, \"Selecting relevant structural features for glassy dynamics by information imbalance\" (arXiv:2408.12705).",
        version: "repro \(ReproVersion.description)",
        subcommands: [SimulateCommand.self, DynamicsCommand.self, DescriptorsCommand.self,
                      ImbalanceCommand.self, SelectCommand.self, ReportCommand.self, StatusCommand.self, DiffCommand.self,
                      PublishBaselineCommand.self,
                      RunTaskCommand.self]
    )

    /// A parent may start us with SIGINT/SIGTERM blocked (Foundation's Process from a worker
    /// thread does): the handlers would then never run. Unblock them before any thread starts.
    static func main() {
        var set = sigset_t()
        sigemptyset(&set)
        for s in [SIGINT, SIGTERM, SIGUSR1] { sigaddset(&set, s) }
        sigprocmask(SIG_UNBLOCK, &set, nil)
        main(nil)
    }
}
