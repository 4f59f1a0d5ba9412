import Foundation

/// Prints one benchmark result in the project's `BENCH <name> <value> <unit>` format.
func report(_ name: String, _ value: Double, _ unit: String) {
    print("BENCH \(name) \(String(format: "%.4g", value)) \(unit)")
    fflush(stdout)
}

/// Wall-clock seconds of `body`.
func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}
