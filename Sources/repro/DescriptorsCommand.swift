import ArgumentParser

struct DescriptorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "descriptors", abstract: "(in progress)")
    func run() throws { throw ValidationError("repro descriptors is not built yet") }
}
