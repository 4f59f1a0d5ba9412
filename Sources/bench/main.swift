import Foundation

// `bench [NAME…]` runs the named benchmarks (all without arguments). Each prints lines
// `BENCH <name> <value> <unit>`; build with `swift build -c release` for meaningful numbers.
let benchmarks: [(name: String, run: () throws -> Void)] = [
    ("mc", benchMonteCarlo),
    ("descriptors", benchDescriptors),
    ("ii", benchInformationImbalance),
    ("regression", benchRegression),
    ("figures", benchFigures),
]

let wanted = Set(CommandLine.arguments.dropFirst())
if let unknown = wanted.first(where: { w in !benchmarks.contains { $0.name == w } }) {
    FileHandle.standardError.write(Data("bench: unknown benchmark '\(unknown)'; known: \(benchmarks.map(\.name).joined(separator: ", "))\n".utf8))
    exit(2)
}
for b in benchmarks where wanted.isEmpty || wanted.contains(b.name) {
    try b.run()
}
