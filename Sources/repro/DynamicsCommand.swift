import ArgumentParser

struct DynamicsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dynamics", abstract: "(in progress)")
    func run() throws { throw ValidationError("repro dynamics is not built yet") }
}
