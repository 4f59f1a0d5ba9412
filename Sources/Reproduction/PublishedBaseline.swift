import Formats
import Foundation
import Pipeline
import Report

/// A profile's published baseline, `report/published/<profile>/`: the `values.json` and
/// `expectations.json` of its reference build, committed and reviewed like code, and a
/// `provenance.json` saying what produced them. `make report` diffs each build against it.
struct BaselineProvenance: Codable, Equatable {
    struct Machine: Codable, Equatable {
        var system: String
        var cores: Int
        var cpuModel: String
    }

    var profile: String
    var version: String
    /// The commit the publishing binary was built from ("unknown" outside a checkout).
    var commit: String
    var date: String
    var machine: Machine
    /// Wall seconds of each task when it was computed (its cache entry's record), by task id.
    var taskSeconds: [String: Double]
    var totalSeconds: Double

    static let fileName = "provenance.json"

    /// "model name" of /proc/cpuinfo (Linux), else "unknown".
    static var cpuModel: String {
        let info = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let line = info.split(separator: "\n").first { $0.hasPrefix("model name") }
        return line?.split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces) ?? "unknown"
    }
}

extension BaselineProvenance {
    /// Copies the build's values (without figure paths) and verdicts from `build` to `published` and writes the
    /// provenance. Refuses a build that is missing, unreadable or of another profile, writing
    /// nothing; each file is written to a temporary name and renamed.
    static func publish(build: URL, to published: URL, profile: String, taskSeconds: [String: Double], date: Date) throws {
        _ = try ReportDiff.load(build)  // both files present and well-formed, or a message naming the file
        let values = try ValueStore.load(build.appendingPathComponent("values.json"))
        guard values["profile"] == .text(profile) else {
            let built: String
            if case .text(let name)? = values["profile"] { built = name } else { built = "no profile" }
            throw ReproductionError.invalid("\(build.path)/values.json: built for \(built), not profile '\(profile)'; "
                                            + "run `make report PROFILE=\(profile)` first")
        }
        let provenance = BaselineProvenance(
            profile: profile, version: ReproVersion.number, commit: ReproVersion.commit,
            date: ISO8601DateFormatter().string(from: date),
            machine: .init(system: ProcessInfo.processInfo.operatingSystemVersionString,
                           cores: ProcessInfo.processInfo.activeProcessorCount, cpuModel: cpuModel),
            taskSeconds: taskSeconds, totalSeconds: taskSeconds.values.reduce(0, +))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        // Values without the figures' paths: those are absolute paths of the machine that built it.
        var kept = values
        kept.figures = [:]
        var files = [("values.json", try kept.encoded()),
                     ("expectations.json", try Data(contentsOf: build.appendingPathComponent("expectations.json")))]
        files.append((fileName, try encoder.encode(provenance) + Data("\n".utf8)))
        for (name, data) in files { try writeAtomically(data, to: published.appendingPathComponent(name)) }
    }
}

extension Study {
    public var publishedURL: URL {
        guard let url = PublishedBaselines(reportSource: reportSource).directory(of: profile) else {
            preconditionFailure("profile '\(profile)' was validated by the manifest")
        }
        return url
    }

    /// Publishes this profile's report build as its baseline, with each task's time from the
    /// cache. Refuses, writing nothing, when a task of the profile is not cached.
    public func publishBaseline(date: Date = Date()) throws -> URL {
        _ = try ReportDiff.load(reportURL)  // the build first: its message is the likelier one
        let (_, graph) = try load()
        let store = try Store(root: cacheURL)
        var seconds: [String: Double] = [:]
        for task in graph.tasks {
            guard let meta = store.metadata(task.key) else {
                throw ReproductionError.invalid("task \(task.id) of profile '\(profile)' is not in the cache (\(cacheURL.path)): "
                                                + "run `make report PROFILE=\(profile)` before publishing its baseline")
            }
            seconds[task.id.description] = meta.seconds
        }
        try BaselineProvenance.publish(build: reportURL, to: publishedURL, profile: profile, taskSeconds: seconds, date: date)
        return publishedURL
    }
}
