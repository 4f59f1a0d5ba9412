// The CI workflow (issue 16 §1): it must run in a Debian-based Swift image (on Ubuntu noble
// `apt-get install chromium` has no candidate, so `make deps` fails), and every `run:` step must
// be a command the README documents, so CI does what a user is told to do.
import Foundation
import Testing

/// Just enough YAML for a workflow file: the job's container image and its `run:` commands.
struct WorkflowFile {
    var image: String?
    var commands: [String] = []

    init(_ text: String) {
        let lines = text.components(separatedBy: "\n")
        func indent(_ s: String) -> Int { s.prefix { $0 == " " }.count }
        var i = 0
        while i < lines.count {
            let line = lines[i]
            let body = line.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: #"^- "#, with: "", options: .regularExpression)
            if body.hasPrefix("container:") {
                let value = body.dropFirst("container:".count).trimmingCharacters(in: .whitespaces)
                if !value.isEmpty { image = value } else if i + 1 < lines.count {
                    let next = lines[i + 1].trimmingCharacters(in: .whitespaces)
                    if next.hasPrefix("image:") { image = next.dropFirst("image:".count).trimmingCharacters(in: .whitespaces) }
                }
            } else if body.hasPrefix("run:") {
                let value = body.dropFirst("run:".count).trimmingCharacters(in: .whitespaces)
                if value == "|" || value == ">" {
                    let own = indent(line)
                    while i + 1 < lines.count, lines[i + 1].trimmingCharacters(in: .whitespaces).isEmpty || indent(lines[i + 1]) > own {
                        i += 1
                        let c = lines[i].trimmingCharacters(in: .whitespaces)
                        if !c.isEmpty && !c.hasPrefix("#") { commands.append(c) }
                    }
                } else {
                    commands.append(value)
                }
            }
            i += 1
        }
        image = image?.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
    }

    /// True when `command` is a backticked command of `readme`; `${{ … }}` matches any word.
    static func documented(_ command: String, in readme: String) -> Bool {
        let spans = readme.components(separatedBy: "`").enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
        var pattern = "^"
        var rest = Substring(command)
        while let open = rest.range(of: "${{"), let close = rest[open.upperBound...].range(of: "}}") {
            pattern += NSRegularExpression.escapedPattern(for: String(rest[..<open.lowerBound])) + "[A-Za-z0-9_.-]+"
            rest = rest[close.upperBound...]
        }
        pattern += NSRegularExpression.escapedPattern(for: String(rest)) + "$"
        return spans.contains { $0.range(of: pattern, options: .regularExpression) != nil }
    }
}

@Suite struct WorkflowTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func theReportWorkflowRunsInBookwormAndOnlyDocumentedCommands() throws {
        let workflow = WorkflowFile(try String(contentsOf: Self.root.appendingPathComponent(".github/workflows/report.yml"), encoding: .utf8))
        // The README and its page of commands (docs/usage.md).
        let readme = try ["README.md", "docs/usage.md"].map { try String(contentsOf: Self.root.appendingPathComponent($0), encoding: .utf8) }
            .joined(separator: "\n")
        let image = try #require(workflow.image)
        #expect(image.hasPrefix("swift:") && image.hasSuffix("-bookworm"), "container image \(image) is not a Debian bookworm Swift image")
        #expect(workflow.commands.contains("make test"))
        #expect(workflow.commands.contains { $0.hasPrefix("make report") })
        for c in workflow.commands {
            #expect(WorkflowFile.documented(c, in: readme), "run: \(c) is not a command README.md or docs/usage.md documents")
        }
    }

    @Test func theParserSeesImagesAndBlockCommands() {
        let w = WorkflowFile("""
        jobs:
          a:
            container:
              image: "swift:6.1-noble"
            steps:
              - run: make test
              - name: x
                run: |
                  make report PROFILE=${{ env.PROFILE }}
                  rm -rf /
        """)
        #expect(w.image == "swift:6.1-noble")
        #expect(w.commands == ["make test", "make report PROFILE=${{ env.PROFILE }}", "rm -rf /"])
        let readme = "Run `make test` or `make report PROFILE=smoke`."
        #expect(WorkflowFile.documented("make report PROFILE=${{ env.PROFILE }}", in: readme))
        #expect(!WorkflowFile.documented("rm -rf /", in: readme))
        #expect(!WorkflowFile.documented("make test && rm -rf /", in: readme))
    }
}
