import Foundation
import Pipeline

/// What a profile costs, stage by stage, before it runs (`repro status`): Monte Carlo trials from
/// the manifest (`TaskCosts`), core-hours at `EngineSpeed`, wall time on a number of cores, peak
/// memory and disk per task and in total, and whether every task reaches a checkpoint within the
/// Slurm time limit.
struct CostEstimate: Sendable, Equatable {
    struct Stage: Sendable, Equatable {
        var name: String
        var tasks: Int
        var trials: Double
        var coreHours: Double
        var wallHours: Double
        var memoryPerTask: Double
        var diskPerTask: Double
        var diskTotal: Double
        /// Longest stretch of one task without a checkpoint, in hours.
        var uncheckpointedHours: Double
    }

    var stages: [Stage]
    var cores: Int
    var coresPerTask: Int
    var speed: Double

    var coreHours: Double { stages.map(\.coreHours).reduce(0, +) }
    /// Stages one after another: an upper bound, since independent stages may overlap.
    var wallHours: Double { stages.map(\.wallHours).reduce(0, +) }
    var diskTotal: Double { stages.map(\.diskTotal).reduce(0, +) }
    var peakMemoryPerTask: Double { stages.map(\.memoryPerTask).max() ?? 0 }

    /// `cores` in all, `coresPerTask` given to each task (a Slurm array element's cpus_per_task).
    init(graph: TaskGraph, cores: Int, coresPerTask: Int, speed: Double = EngineSpeed.trialsPerSecondPerCore) {
        self.cores = cores; self.coresPerTask = min(coresPerTask, cores); self.speed = speed
        let perTask = min(coresPerTask, cores)
        var byStage: [(String, [TaskCost])] = []
        for node in graph.tasks {
            let upstream = node.inputs.mapValues { $0.compactMap { graph.task($0).map { Self.withN($0, graph) } } }
            let cost = PaperStages.cost(of: node.kind.name)(Self.withN(node, graph), upstream)
            if let i = byStage.firstIndex(where: { $0.0 == node.id.stage }) { byStage[i].1.append(cost) } else { byStage.append((node.id.stage, [cost])) }
        }
        stages = byStage.map { name, costs in
            // A task uses at most its cores and its parallelism; cores / coresPerTask tasks run at once.
            let hours = costs.map { $0.trials / (speed * min(Double(perTask), $0.parallelism)) / 3600 }
            let atOnce = max(1, cores / perTask)
            let waves = hours.sorted(by: >).enumerated().filter { $0.offset % atOnce == 0 }.map(\.element)
            let stretch = costs.map { c in (c.checkpointTrials ?? c.trials / min(Double(perTask), c.parallelism)) / speed / 3600 }
            return Stage(name: name, tasks: costs.count, trials: costs.map(\.trials).reduce(0, +),
                         coreHours: costs.map(\.trials).reduce(0, +) / speed / 3600, wallHours: waves.reduce(0, +),
                         memoryPerTask: costs.map(\.memoryBytes).max() ?? 0, diskPerTask: costs.map(\.diskBytes).max() ?? 0,
                         diskTotal: costs.map(\.diskBytes).reduce(0, +), uncheckpointedHours: stretch.max() ?? 0)
        }
    }

    /// A task's parameters with N: analysis stages have no `n` field, so they take the largest N
    /// of their upstream tasks (the system their arrays are made of).
    static func withN(_ node: TaskNode, _ graph: TaskGraph) -> Parameters {
        var p = node.parameters
        if p.values["n"] == nil {
            var stack = node.inputs.values.flatMap { $0 }, best = 0, seen: Set<TaskID> = []
            while let id = stack.popLast() {
                guard seen.insert(id).inserted, let t = graph.task(id) else { continue }
                if let n = t.parameters.values["n"]?.intValue { best = max(best, n) } else { stack += t.inputs.values.flatMap { $0 } }
            }
            if best > 0 { p.values["n"] = .int(best) }
        }
        return p
    }

    /// Stages whose longest stretch without a checkpoint does not fit in a Slurm time limit of
    /// `limitSeconds` minus the `signalSeconds` warning: each would be killed and resubmitted forever.
    func timeLimitProblems(limitSeconds: Int, signalSeconds: Int) -> [String] {
        let usable = Double(limitSeconds - signalSeconds) / 3600
        guard usable > 0 else {
            return ["executor.time (\(limitSeconds) s) must exceed executor.signal_seconds (\(signalSeconds) s), the warning before the limit in which a task checkpoints"]
        }
        return stages.filter { $0.uncheckpointedHours > usable }.map {
            String(format: "stage %@: a task runs %@ without a checkpoint, longer than the Slurm time limit less signal_seconds (%@); raise executor.time or shorten the stage's tasks",
                   $0.name, Self.duration($0.uncheckpointedHours), Self.duration(usable))
        }
    }

    func render() -> String {
        var lines = [String(format: "Cost estimate at %.2g Monte Carlo trials/s per core (EngineSpeed, from `make bench`), on %d cores, %d per task:",
                            speed, cores, coresPerTask)]
        let header = ["stage", "tasks", "MC trials", "core-h", "wall", "memory/task", "disk/task", "disk", "no checkpoint"]
        var rows = stages.map { s in
            [s.name, "\(s.tasks)", Self.scientific(s.trials), Self.hours(s.coreHours), Self.duration(s.wallHours), Self.bytes(s.memoryPerTask),
             Self.bytes(s.diskPerTask), Self.bytes(s.diskTotal), Self.duration(s.uncheckpointedHours)]
        }
        rows.append(["total", "\(stages.map(\.tasks).reduce(0, +))", Self.scientific(stages.map(\.trials).reduce(0, +)), Self.hours(coreHours),
                     Self.duration(wallHours), Self.bytes(peakMemoryPerTask), "", Self.bytes(diskTotal), ""])
        let widths = header.indices.map { c in ([header] + rows).map { $0[c].count }.max() ?? 0 }
        for row in [header] + rows {
            lines.append(row.enumerated().map { c, cell in
                c == 0 ? cell.padding(toLength: widths[c], withPad: " ", startingAt: 0) : String(repeating: " ", count: widths[c] - cell.count) + cell
            }.joined(separator: "  "))
        }
        lines.append("wall: stages one after another (an upper bound); no checkpoint: a task's longest stretch between checkpoints")
        return lines.joined(separator: "\n")
    }

    static func scientific(_ x: Double) -> String { x == 0 ? "0" : String(format: "%.2e", x) }
    static func hours(_ h: Double) -> String { h >= 10 ? String(format: "%.0f", h) : String(format: "%.2g", h) }
    static func duration(_ h: Double) -> String {
        if h * 60 < 1 { return String(format: "%.0f s", h * 3600) }
        if h < 1 { return String(format: "%.0f min", h * 60) }
        if h < 48 { return String(format: "%.1f h", h) }
        return String(format: "%.1f d", h / 24)
    }
    static func bytes(_ b: Double) -> String {
        if b < 1e6 { return String(format: "%.0f kB", b / 1e3) }
        if b < 1e9 { return String(format: "%.0f MB", b / 1e6) }
        return String(format: "%.1f GB", b / 1e9)
    }
}
