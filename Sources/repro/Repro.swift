import ArgumentParser
import Foundation
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
                      AnalyzeCommand.self, PublishBaselineCommand.self, ReadmeCommand.self,
                      RunTaskCommand.self]
    )

    /// A parent may start us with SIGINT/SIGTERM blocked (Foundation's Process from a worker
    /// thread does): the handlers would then never run. Unblock them before any thread starts.
    static func main() {
        var set = sigset_t()
        sigemptyset(&set)
        for s in [SIGINT, SIGTERM, SIGUSR1] { sigaddset(&set, s) }
        sigprocmask(SIG_UNBLOCK, &set, nil)
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            // One convention (README, "Exit status"): --help and a status a command chose (1 a check
            // failed, 130/143 interrupted) pass; any other error is bad input and exits 2, usage
            // errors included (ArgumentParser's own codes are 64 and 1).
            if exitCode(for: error) == .success || error is ExitCode { exit(withError: error) }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            exit(withError: ExitCode(2))
        }
    }
}
