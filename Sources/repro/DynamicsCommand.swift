import ArgumentParser
import Dynamics
import Formats
import Foundation
import Model
import MonteCarlo

struct DynamicsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dynamics",
        abstract: "Measure F_s^CR(k = 6.3, t) and τα, and with --runs the propensities p and q (paper Eqs. (1)–(4)).",
        discussion: """
        Without --runs: one trajectory with --origins time origins spaced --sweeps/2 apart; F_s^CR is \
        recorded at log-spaced lags up to --sweeps and averaged over origins. With --runs M: M \
        iso-configurational trajectories of --sweeps sweeps from the same configuration; p_i and q_i are \
        recorded at --times and F_s^CR from t = 0 averaged over the runs. Writes fs.csv and fs.npy \
        (columns t, F_s^CR), tau_alpha.txt, and with --runs p.npy and q.npy (N × times) and times.npy. \
        Checkpoints live in DIR/checkpoints: rerunning the same command after an interruption resumes.
        """)

    @Option(help: "Starting configuration (extended XYZ), ideally equilibrated at --temperature.")
    var from: String
    @Option(help: "Temperature T (> 0).")
    var temperature: Double
    @Option(help: "Longest lag / length of each iso-configurational trajectory, in sweeps.")
    var sweeps: Int
    @Option(help: "Seed of every random stream.")
    var seed: UInt64 = 1
    @Option(help: "Number of iso-configurational trajectories (omit for F_s^CR only).")
    var runs: Int?
    @Option(help: "Comma-separated sweeps at which p and q are recorded (default: --sweeps).")
    var times: String?
    @Option(help: "Time origins of the F_s^CR run without --runs.")
    var origins: Int = 4
    @Option(help: "Sweeps between checkpoints.")
    var checkpointInterval: Int = 1000
    @Option(help: "Worker threads for --runs (default: all cores).")
    var threads: Int?
    @Option(help: "Output directory.")
    var out: String

    func parsedTimes() throws -> [Int] {
        guard let times else { return [sweeps] }
        let parts = times.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let values = parts.compactMap { Int($0) }
        guard values.count == parts.count, !values.isEmpty else { throw ValidationError("--times must be comma-separated whole sweeps, got '\(times)'") }
        guard values.allSatisfy({ $0 >= 1 && $0 <= sweeps }), zip(values, values.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw ValidationError("--times must increase strictly and lie in 1…--sweeps (\(sweeps)), got '\(times)'")
        }
        return values
    }

    func validate() throws {
        guard temperature.isFinite, temperature > 0 else { throw ValidationError("--temperature must be a finite number > 0, got \(temperature)") }
        guard sweeps >= 1 else { throw ValidationError("--sweeps must be ≥ 1, got \(sweeps)") }
        if let runs { guard runs >= 1 else { throw ValidationError("--runs must be ≥ 1, got \(runs)") } }
        guard origins >= 1 else { throw ValidationError("--origins must be ≥ 1, got \(origins)") }
        guard checkpointInterval >= 1 else { throw ValidationError("--checkpoint-interval must be ≥ 1, got \(checkpointInterval)") }
        if let threads { guard threads >= 1 else { throw ValidationError("--threads must be ≥ 1, got \(threads)") } }
        _ = try parsedTimes()
    }

    func run() throws {
        let flag = cancelOnSignals()
        let start = try ExtendedXYZ.read(from: URL(fileURLWithPath: from))
        let dir = URL(fileURLWithPath: out)
        let checkpoints = dir.appendingPathComponent("checkpoints")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let curveTimes: [Int], fs: [Double], tau: Double?
        do {
            if let runs {
                let e = try IsoconfigurationalEnsemble(temperature: temperature, runs: runs, times: parsedTimes())
                let r = try e.compute(from: start, seed: seed, checkpointDirectory: checkpoints, checkpointInterval: checkpointInterval,
                                      threads: threads, cancellation: flag, progress: { d, t in progressLine("iso runs", d, t) })
                let n = start.count
                for (name, m) in [("p", r.p), ("q", r.q)] {
                    let values = (0..<n).flatMap { i in m.map { $0[i] } }
                    try NpyArray(shape: [n, r.times.count], values: values).write(to: dir.appendingPathComponent("\(name).npy"))
                }
                try NpyArray(int32: r.times.map(Int32.init)).write(to: dir.appendingPathComponent("times.npy"))
                (curveTimes, fs, tau) = (r.curveTimes, r.fs, r.tauAlpha)
                for (k, t) in r.times.enumerated() {
                    print(String(format: "t = %d: mean p = %.4f, mean q = %.4f", t, r.p[k].reduce(0, +) / Double(n), r.q[k].reduce(0, +) / Double(n)))
                }
            } else {
                let relax = try RelaxationRun(temperature: temperature, maxLag: sweeps, origins: origins)
                let r = try relax.compute(from: start, seed: seed, checkpointURL: checkpoints.appendingPathComponent("relaxation-seed\(seed)-maxlag\(sweeps)-origins\(origins).ckpt"),
                                          checkpointInterval: checkpointInterval, cancellation: flag,
                                          progress: { d, t in progressLine("relaxation", d, t) })
                (curveTimes, fs, tau) = (r.times, r.fs, r.tauAlpha)
            }
        } catch DynamicsError.cancelled {
            FileHandle.standardError.write(Data("interrupted; rerun the same command to resume from \(checkpoints.path)\n".utf8))
            throw ExitCode(130)
        }
        let tauText = tau.map { String(format: "%.6g", $0) } ?? "not reached (F_s^CR stays above 1/e)"
        var csv = "# F_s^CR(k = \(paperWaveNumber), t), T = \(temperature), tau_alpha = \(tauText) sweeps\nt,fs_cr\n"
        for (t, f) in zip(curveTimes, fs) { csv += "\(t),\(f)\n" }
        try writeAtomically(csv, to: dir.appendingPathComponent("fs.csv"))
        try NpyArray(shape: [fs.count, 2], values: zip(curveTimes, fs).flatMap { [Double($0), $1] }).write(to: dir.appendingPathComponent("fs.npy"))
        try writeAtomically("\(tauText)\n", to: dir.appendingPathComponent("tau_alpha.txt"))
        print("tau_alpha = \(tauText) sweeps; results in \(dir.path)")
    }
}
