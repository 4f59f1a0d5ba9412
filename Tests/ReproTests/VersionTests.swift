import Foundation
import GitHead
import Testing

/// Issue 25 §5: `repro --version` names the version (written once, quoted by CITATION.cff) and
/// the commit the binary was built from, read from git's files at build time.
@Suite struct VersionTests {
    static let citation = Binary.root.appendingPathComponent("CITATION.cff")

    /// The `version:` line of CITATION.cff.
    static func citedVersion() throws -> String {
        let text = try String(contentsOf: citation, encoding: .utf8)
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("version:") })
        return line.dropFirst("version:".count).trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
    }

    @Test(.enabled(if: Binary.exists, "needs the debug build of repro (swift build)"))
    func versionNamesTheReleaseAndTheCommit() throws {
        let dir = try Binary.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let p = try Binary.start(["--version"], in: dir)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let out = try String(contentsOf: dir.appendingPathComponent("stdout.txt"), encoding: .utf8)
        let line = out.trimmingCharacters(in: .whitespacesAndNewlines)
        let parts = line.split(separator: " ")
        // repro 0.9.0 (commit 0123…) — the commit is 40 hex digits, or "unknown" outside a checkout.
        #expect(parts.count == 4 && parts[0] == "repro" && parts[2] == "(commit", "\(line)")
        guard parts.count == 4 else { return }
        #expect(String(parts[1]) == (try Self.citedVersion()))
        #expect(parts[1].split(separator: ".").count == 3 && parts[1].split(separator: ".").allSatisfy { Int($0) != nil })
        let commit = String(parts[3].dropLast())
        #expect(parts[3].hasSuffix(")"))
        #expect(commit == "unknown" || (commit.count == 40 && commit.allSatisfy(\.isHexDigit)), "\(commit)")
        // This checkout is a git checkout, so the binary knows a commit.
        if GitHead.commit(root: Binary.root) != nil { #expect(commit != "unknown") }
    }

    @Test func citationCitesTheSoftwareAndThePaper() throws {
        let text = try String(contentsOf: Self.citation, encoding: .utf8)
        #expect(text.hasPrefix("cff-version: 1.2.0"))
        for field in ["title:", "authors:", "license: MIT", "preferred-citation:", "arXiv:2408.12705", "10.48550/arXiv.2408.12705"] {
            #expect(text.contains(field), "\(field)")
        }
        #expect(FileManager.default.fileExists(atPath: Binary.root.appendingPathComponent("LICENSE").path))
    }
}

/// GitHead reads the commit of every kind of checkout from its files.
@Suite struct GitHeadTests {
    static let a = String(repeating: "a", count: 40), b = String(repeating: "b", count: 40)

    func checkout(_ build: (URL) throws -> Void) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("githead-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try build(root)
        return root
    }

    func write(_ text: String, _ url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    @Test func branchWithLooseRef() throws {
        let root = try checkout { r in
            try write("ref: refs/heads/main\n", r.appendingPathComponent(".git/HEAD"))
            try write(Self.a + "\n", r.appendingPathComponent(".git/refs/heads/main"))
            try write("# pack-refs with: peeled\n\(Self.b) refs/heads/main\n", r.appendingPathComponent(".git/packed-refs"))
        }
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(GitHead.commit(root: root) == Self.a)  // a loose ref is newer than its packed line
    }

    @Test func branchOnlyInPackedRefs() throws {
        let root = try checkout { r in
            try write("ref: refs/heads/feature/x\n", r.appendingPathComponent(".git/HEAD"))
            try write("# pack-refs with: peeled fully-peeled sorted\n\(Self.a) refs/heads/main\n\(Self.b) refs/heads/feature/x\n^\(Self.a)\n",
                      r.appendingPathComponent(".git/packed-refs"))
        }
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(GitHead.commit(root: root) == Self.b)
    }

    @Test func detachedHead() throws {
        let root = try checkout { r in try write(Self.b + "\n", r.appendingPathComponent(".git/HEAD")) }
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(GitHead.commit(root: root) == Self.b)
    }

    @Test func worktreeFollowsGitdirAndCommondir() throws {
        let root = try checkout { r in
            // main/.git is the common directory; wt/.git is a file naming main/.git/worktrees/wt.
            try write("ref: refs/heads/main\n", r.appendingPathComponent("main/.git/HEAD"))
            try write(Self.a + "\n", r.appendingPathComponent("main/.git/refs/heads/main"))
            try write("ref: refs/heads/topic\n", r.appendingPathComponent("main/.git/worktrees/wt/HEAD"))
            try write("../..\n", r.appendingPathComponent("main/.git/worktrees/wt/commondir"))
            try write("\(Self.b) refs/heads/topic\n", r.appendingPathComponent("main/.git/packed-refs"))
            try write("gitdir: \(r.appendingPathComponent("main/.git/worktrees/wt").path)\n", r.appendingPathComponent("wt/.git"))
        }
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(GitHead.commit(root: root.appendingPathComponent("wt")) == Self.b)
        #expect(GitHead.commit(root: root.appendingPathComponent("main")) == Self.a)
    }

    @Test func notACheckoutOrUnbornBranch() throws {
        let root = try checkout { r in try write("ref: refs/heads/unborn\n", r.appendingPathComponent("repo/.git/HEAD")) }
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(GitHead.commit(root: root) == nil)
        #expect(GitHead.commit(root: root.appendingPathComponent("repo")) == nil)
    }
}
