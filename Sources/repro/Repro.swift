import ArgumentParser

@main
struct Repro: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repro",
        abstract: "Reproduce Sharma, Liu & Ozawa, \"Selecting relevant structural features for glassy dynamics by information imbalance\" (arXiv:2408.12705).",
        subcommands: [SimulateCommand.self, DynamicsCommand.self, DescriptorsCommand.self,
                      ImbalanceCommand.self, SelectCommand.self, ReportCommand.self, StatusCommand.self, DiffCommand.self,
                      RunTaskCommand.self]
    )
}
