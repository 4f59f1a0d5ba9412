import ArgumentParser

struct SelectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "select", abstract: "(in progress)")
    func run() throws { throw ValidationError("repro select is not built yet") }
}
