import ArgumentParser

struct ImbalanceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "imbalance", abstract: "(in progress)")
    func run() throws { throw ValidationError("repro imbalance is not built yet") }
}
