import Formats
import Foundation
import Pipeline
import Report

/// `make readme` (`repro readme`): rewrites the regions of README.md and docs/*.md between
/// `<!-- BEGIN generated:NAME -->` and `<!-- END generated:NAME -->` from committed inputs only:
/// the published baselines (`report/published/<profile>/`) and the bench record (`docs/bench.txt`).
/// No measured number in the documentation is typed by hand, and a test fails when the committed
/// files differ from what this writes.
public struct ReadmeRegions {
    public var root: URL

    public init(root: URL) { self.root = root }

    /// The files whose regions are generated, relative to the root: README.md, then docs/*.md.
    public var files: [String] {
        let docs = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("docs").path)) ?? []
        return ["README.md"] + docs.filter { $0.hasSuffix(".md") }.sorted().map { "docs/\($0)" }
    }

    static let bench = "docs/bench.txt"

    /// Each region's text by name.
    func regions() throws -> [String: String] {
        let manifestURL = root.appendingPathComponent("report/manifest.toml")
        let manifest = try Manifest.load(url: manifestURL, profile: nil, registry: PaperStages.registry())
        // In the manifest's order (smoke … paper), which the loader's sorted list loses.
        let source = try String(contentsOf: manifestURL, encoding: .utf8)
        let profiles = manifest.profiles.sorted { (source.range(of: "[profiles.\($0)]")?.lowerBound ?? source.endIndex)
                                                  < (source.range(of: "[profiles.\($1)]")?.lowerBound ?? source.endIndex) }
        let published = PublishedBaselines(reportSource: root.appendingPathComponent("report/report.md"))
        var baselines: [(profile: String, values: ValueStore, build: ReportDiff.Build, provenance: [String: Any])] = []
        for profile in profiles where published.exists(profile) {
            guard let dir = published.directory(of: profile) else { continue }
            let provenanceURL = dir.appendingPathComponent("provenance.json")
            guard let provenance = try? JSONSerialization.jsonObject(with: Data(contentsOf: provenanceURL)) as? [String: Any] else {
                throw ReproductionError.invalid("\(provenanceURL.path): missing or not a JSON object; `make publish-baseline PROFILE=\(profile)` writes it")
            }
            let values: ValueStore
            do { values = try ValueStore.load(dir.appendingPathComponent(PublishedBaselines.valuesFile)) } catch {
                throw ReproductionError.invalid("\(dir.path)/values.json: unreadable baseline: \(error)")
            }
            baselines.append((profile, values, try ReportDiff.load(dir), provenance))
        }
        let missing = profiles.filter { !published.exists($0) }
        let none = missing.isEmpty ? "" : "No published baseline yet for \(missing.map { "`\($0)`" }.joined(separator: ", ")) "
            + "(`make report PROFILE=… && make publish-baseline PROFILE=…`, then `make readme`)."
        return ["findings": Self.findings(baselines.map { ($0.profile, $0.values, $0.build) }, none: none),
                "costs": Self.costs(baselines.map { ($0.profile, $0.values, $0.build, $0.provenance) }, none: none),
                "bench": try benchRegion()]
    }

    /// Rewrites every region of every file; returns the files whose text changed (written only
    /// when `write`). An unknown region name or an unpaired marker is an error naming the file and line.
    public func update(write: Bool) throws -> [String] {
        let regions = try regions()
        var changed: [String] = []
        for file in files {
            let url = root.appendingPathComponent(file)
            let text = try String(contentsOf: url, encoding: .utf8)
            let new = try Self.rewrite(text, file: file, regions: regions)
            guard new != text else { continue }
            changed.append(file)
            if write { try writeAtomically(new, to: url) }
        }
        return changed
    }

    static func begin(_ name: String) -> String { "<!-- BEGIN generated:\(name) -->" }
    static func end(_ name: String) -> String { "<!-- END generated:\(name) -->" }

    /// `text` with the lines between each pair of markers replaced by the region's text.
    static func rewrite(_ text: String, file: String, regions: [String: String]) throws -> String {
        var out: [Substring] = [], open: (name: String, line: Int)?
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if let o = open {
                guard trimmed.hasPrefix("<!-- END generated:") else { continue }
                guard trimmed == end(o.name) else { throw ReproductionError.invalid("\(file):\(i + 1): expected \(end(o.name)), found \(trimmed)") }
                out.append(contentsOf: regions[o.name]!.split(separator: "\n", omittingEmptySubsequences: false))
                out.append(line); open = nil
            } else if trimmed.hasPrefix("<!-- BEGIN generated:") {
                let name = String(trimmed.dropFirst("<!-- BEGIN generated:".count).dropLast(" -->".count))
                guard trimmed.hasSuffix(" -->"), regions[name] != nil else {
                    throw ReproductionError.invalid("\(file):\(i + 1): unknown generated region '\(name)'; known: \(regions.keys.sorted().joined(separator: ", "))")
                }
                out.append(line); open = (name, i + 1)
            } else if trimmed.hasPrefix("<!-- END generated:") {
                throw ReproductionError.invalid("\(file):\(i + 1): \(trimmed) without its BEGIN marker")
            } else {
                out.append(line)
            }
        }
        if let o = open { throw ReproductionError.invalid("\(file):\(o.line): \(begin(o.name)) is never closed by \(end(o.name))") }
        return out.joined(separator: "\n")
    }
}

extension ReadmeRegions {
    /// One row of the findings table: a label naming the keys, and how a store shows them
    /// (`p` is "" for a profile's own values, "paper." for the paper's).
    struct Row {
        var label: String
        var show: (ValueStore, String) -> String?
    }

    static func number(_ v: ValueStore, _ key: String) -> String? {
        switch v[key] {
        case .number(let x)?: return ReportText.threeSignificant(x)
        case .integer(let i)?: return String(i)
        case .text(let s)?: return s
        default: return nil
        }
    }

    /// Joins the parts a row shows; nil when the first is missing.
    static func join(_ parts: [String?], _ separator: String = "; ") -> String? {
        guard parts.first! != nil else { return nil }
        return parts.map { $0 ?? "—" }.joined(separator: separator)
    }

    static let rows: [Row] = [
        Row(label: "state point: T, N, configurations × runs (`temperature`, `n`, `configurations`, `runs`)") { v, p in
            // Parameters, not measurements: as the manifest writes them (0.8, not 0.800).
            func plain(_ key: String) -> String { v[p + key]?.doubleValue.map { $0 == $0.rounded() ? String(Int($0)) : String($0) } ?? "—" }
            guard v[p + "temperature"] != nil else { return nil }
            return "\(plain("temperature")), \(plain("n")), \(plain("configurations")) × \(plain("runs"))"
        },
        Row(label: "1. best single descriptor by max_ℓ \\|ρ(X, p)\\| (`best_descriptor`); Θ̄'s margin (`theta.pearson_margin`)") { v, p in
            join([number(v, p + "best_descriptor"), number(v, p + "theta.pearson_margin")])
        },
        Row(label: "1. Θ̄'s optimal ℓ: parabola through the peak (`theta_bar.optimal_ell`); the grid's peak (`theta_bar.peak_ell`)") { v, p in
            join([number(v, p + "theta_bar.optimal_ell"), number(v, p + "theta_bar.peak_ell")])
        },
        Row(label: "1. smallest Δ(Θ̄→p) over ℓ (`theta_bar.delta_x_to_p_min`); Δ(ρ̄→p) (`rho_bar.delta_x_to_p_min`)") { v, p in
            join([number(v, p + "theta_bar.delta_x_to_p_min"), number(v, p + "rho_bar.delta_x_to_p_min")])
        },
        Row(label: "2. max \\|Δ(X→p) − Δ(p→X)\\| (`symmetry.max_abs_difference`); smallest Δ(Ψ̄₆→p) (`psi6_bar.delta_x_to_p_min`)") { v, p in
            join([number(v, p + "symmetry.max_abs_difference"), number(v, p + "psi6_bar.delta_x_to_p_min")])
        },
        Row(label: "3. Δ(q→p); Δ(p→q) (`pq.delta_q_to_p`, `pq.delta_p_to_q`); split-half Δ of p (`noise.delta_half`)") { v, p in
            join([number(v, p + "pq.delta_q_to_p"), number(v, p + "pq.delta_p_to_q"), number(v, p + "noise.delta_half")])
        },
        Row(label: "4. share of configurations whose first supervised feature is Θ̄ (`supervised.first_is_theta`)") { v, p in
            number(v, p + "supervised.first_is_theta")
        },
        Row(label: "4. range of Δ(p→X_d) over d (`supervised.reverse_range`)") { v, p in number(v, p + "supervised.reverse_range") },
        Row(label: "5. decades the unsupervised Δ̄ falls (`unsupervised.decades`)") { v, p in number(v, p + "unsupervised.decades") },
        Row(label: "6. ρ(p, p̂), supervised selection, d = 2; d = max (`prediction.supervised.d2`, `.dmax`)") { v, p in
            join([number(v, p + "prediction.supervised.d2"), number(v, p + "prediction.supervised.dmax")])
        },
        Row(label: "7. at t_β: accuracy lost (`beta.accuracy_drop`); shift of Θ̄'s optimal ℓ (`beta.theta_optimal_ell_shift`)") { v, p in
            join([number(v, p + "beta.accuracy_drop"), number(v, p + "beta.theta_optimal_ell_shift")])
        },
    ]

    /// "19 pass, 5 known deviation" from a build's verdicts.
    static func checks(_ build: ReportDiff.Build) -> String {
        let order: [Verdict] = [.pass, .knownDeviation, .unexpectedPass, .fail, .missing]
        return order.compactMap { verdict in
            let n = build.verdicts.values.filter { $0 == verdict }.count
            return n == 0 ? nil : "\(n) \(verdict.rawValue)"
        }.joined(separator: ", ")
    }

    static func findings(_ baselines: [(profile: String, values: ValueStore, build: ReportDiff.Build)], none: String) -> String {
        guard let first = baselines.first else { return none }
        var lines = ["| finding (value key) | " + baselines.map { "`\($0.profile)`" }.joined(separator: " | ") + " | paper |",
                     "|---" + String(repeating: "|---", count: baselines.count + 1) + "|"]
        for row in rows {
            let cells = baselines.map { row.show($0.values, "") ?? "—" } + [row.show(first.values, "paper.") ?? "—"]
            lines.append("| \(row.label) | " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |")
        }
        lines.append("| checks (`expectations.json`) | " + baselines.map { checks($0.build) }.joined(separator: " | ") + " | |")
        return (lines + (none.isEmpty ? [] : ["", none])).joined(separator: "\n")
    }

    static func costs(_ baselines: [(profile: String, values: ValueStore, build: ReportDiff.Build, provenance: [String: Any])],
                      none: String) -> String {
        guard !baselines.isEmpty else { return none }
        var lines = ["| profile | T, N, configurations × runs | checks | task time (sum) | machine | published |", "|---|---|---|---|---|---|"]
        for b in baselines {
            let seconds = b.provenance["total_seconds"] as? Double ?? .nan
            let machine = b.provenance["machine"] as? [String: Any]
            let cores = (machine?["cores"] as? Int).map { "\($0) cores" } ?? "—"
            let cpu = (machine?["cpu_model"] as? String) ?? "—"
            let date = (b.provenance["date"] as? String).map { String($0.prefix(10)) } ?? "—"
            let commit = (b.provenance["commit"] as? String).map { String($0.prefix(7)) } ?? "—"
            lines.append("| `\(b.profile)` | \(rows[0].show(b.values, "") ?? "—") | \(checks(b.build)) | \(duration(seconds)) | "
                         + "\(cores), \(cpu.replacingOccurrences(of: "|", with: "\\|")) | \(date), \(commit) |")
        }
        return (lines + (none.isEmpty ? [] : ["", none])).joined(separator: "\n")
    }

    /// "42 s", "13.5 min", "3.7 h".
    static func duration(_ s: Double) -> String {
        guard s.isFinite else { return "—" }
        if s < 90 { return "\(ReportText.threeSignificant(s)) s" }
        if s < 5400 { return "\(ReportText.threeSignificant(s / 60)) min" }
        return "\(ReportText.threeSignificant(s / 3600)) h"
    }

    /// The lines of the committed bench record, with the header line `make bench` writes.
    func benchRegion() throws -> String {
        let url = root.appendingPathComponent(Self.bench)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            return "No bench record yet: `make bench` writes `\(Self.bench)`; commit it, then `make readme`."
        }
        let lines = text.split(separator: "\n")
        let header = lines.first { $0.hasPrefix("# ") }.map { String($0.dropFirst(2)) } ?? "no header"
        let bench = lines.filter { $0.hasPrefix("BENCH ") }
        guard !bench.isEmpty else { throw ReproductionError.invalid("\(url.path): no BENCH line; rerun `make bench`") }
        return (["`make bench`, recorded in `\(Self.bench)` (\(header)):", "", "```"] + bench.map(String.init) + ["```"]).joined(separator: "\n")
    }
}
