// The commit a checkout is at, read from git's files at build time so the binary can name the
// code it was built from without running git (which a user's machine or a container may lack).
import Foundation

public enum GitHead {
    /// The checkout's own git directory (HEAD) and the common one (refs, packed-refs): the same
    /// directory, except in a worktree, whose `.git` is a file "gitdir: PATH" and whose gitdir
    /// names the common directory in `commondir`. nil when `root` is not a git checkout.
    public static func directories(root: URL) -> (git: URL, common: URL)? {
        let dotGit = root.appendingPathComponent(".git")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dotGit.path, isDirectory: &isDirectory) else { return nil }
        let git: URL
        if isDirectory.boolValue {
            git = dotGit
        } else {
            guard let line = read(dotGit), line.hasPrefix("gitdir:") else { return nil }
            git = resolve(line.dropFirst("gitdir:".count).trimmingCharacters(in: .whitespaces), against: root)
        }
        let common = read(git.appendingPathComponent("commondir")).map { resolve($0, against: git) } ?? git
        return (git, common)
    }

    /// The 40-hex commit of HEAD: detached (HEAD holds the hash), or a branch whose ref is a loose
    /// file or a line of packed-refs. nil when it cannot be read (not a checkout, unborn branch).
    public static func commit(root: URL) -> String? {
        guard let (git, common) = directories(root: root), let head = read(git.appendingPathComponent("HEAD")) else { return nil }
        guard head.hasPrefix("ref:") else { return isHash(head) ? head : nil }
        let ref = head.dropFirst("ref:".count).trimmingCharacters(in: .whitespaces)
        guard !ref.split(separator: "/").contains("..") else { return nil }
        for directory in [git, common] {
            if let loose = read(directory.appendingPathComponent(ref)), isHash(loose) { return loose }
        }
        let packed = read(common.appendingPathComponent("packed-refs")) ?? ""
        for line in packed.split(separator: "\n") where !line.hasPrefix("#") && !line.hasPrefix("^") {
            let fields = line.split(separator: " ", maxSplits: 1)
            if fields.count == 2, fields[1] == ref, isHash(String(fields[0])) { return String(fields[0]) }
        }
        return nil
    }

    static func isHash(_ s: String) -> Bool {
        s.count == 40 && s.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }

    static func read(_ url: URL) -> String? {
        (try? String(contentsOf: url, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func resolve(_ path: String, against base: URL) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path).standardizedFileURL
    }
}
