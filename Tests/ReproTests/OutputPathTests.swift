import ArgumentParser
import Foundation
import Formats
import Testing
@testable import repro
#if canImport(Glibc)
import Glibc
#endif

/// Issue 24, item 7: every output path is checked before any compute (`simulate --out afile/conf.xyz`
/// ran for hours, then failed with a raw "NSCocoaErrorDomain Code=516"), and Foundation's file
/// errors become plain messages that name the path.
@Suite struct OutputPathTests {
    func message<C: ParsableCommand>(_ type: C.Type, _ arguments: [String]) -> String? {
        do { _ = try type.parse(arguments); return nil } catch { return type.message(for: error) }
    }

    func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func aFileWhereADirectoryMustBeIsRefusedByEveryCommand() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let afile = dir.appendingPathComponent("afile")
        try Data("x".utf8).write(to: afile)
        #expect(message(SimulateCommand.self, ["--temperature", "1", "--out", afile.path + "/conf.xyz"])
                == "--out: cannot write \(afile.path): is a file, not a directory")
        #expect(message(SimulateCommand.self, ["--temperature", "1", "--out", afile.path + "/deeper/conf.xyz"])
                == "--out: cannot write \(afile.path): is a file, not a directory (needed for \(afile.path)/deeper)")
        #expect(message(DynamicsCommand.self, ["--from", "c.xyz", "--temperature", "1", "--sweeps", "10", "--out", afile.path])
                == "--out: cannot write \(afile.path): is a file, not a directory")
        #expect(message(DescriptorsCommand.self, ["c.xyz", "--out", afile.path + "/f.npy"])
                == "--out: cannot write \(afile.path): is a file, not a directory")
        // Writable places pass.
        #expect(message(SimulateCommand.self, ["--temperature", "1", "--out", dir.path + "/new/sub/conf.xyz"]) == nil)
        #expect(message(DynamicsCommand.self, ["--from", "c.xyz", "--temperature", "1", "--sweeps", "10", "--out", dir.path + "/dyn"]) == nil)
    }

    @Test func everyFileACommandWritesIsChecked() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        // descriptors writes species.npy beside the features; dynamics writes fs.csv into --out.
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("species.npy"), withIntermediateDirectories: true)
        #expect(message(DescriptorsCommand.self, ["c.xyz", "--out", dir.path + "/f.npy"])
                == "--out: cannot write \(dir.path)/species.npy: is a directory; give a file name to write to")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("dyn/fs.csv"), withIntermediateDirectories: true)
        #expect(message(DynamicsCommand.self, ["--from", "c.xyz", "--temperature", "1", "--sweeps", "10", "--out", dir.path + "/dyn"])
                == "--out: cannot write \(dir.path)/dyn/fs.csv: is a directory; give a file name to write to")
        // A FIFO was "You don't have permission".
        let fifo = dir.appendingPathComponent("pipe.xyz")
        try #require(mkfifo(fifo.path, 0o644) == 0)
        #expect(message(SimulateCommand.self, ["--temperature", "1", "--out", fifo.path])
                == "--out: cannot write \(fifo.path): is not a regular file (a FIFO, socket or device); give a file name to write to")
    }

    @Test func foundationErrorsBecomePlainMessages() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let afile = dir.appendingPathComponent("afile")
        try Data("x".utf8).write(to: afile)
        // What Foundation throws for a write under a file, translated.
        do {
            try FileManager.default.createDirectory(at: afile.appendingPathComponent("sub"), withIntermediateDirectories: true)
            Issue.record("created a directory under a file")
        } catch {
            let plain = "\(FileProblem.translating(error))"
            #expect(plain == "\(afile.path)/sub: a component of the path is a file, not a directory")
        }
        func cocoa(_ code: CocoaError.Code, errno: Int32?) -> Error {
            var info: [String: Any] = [NSFilePathErrorKey: "/x/out.npy"]
            if let errno { info[NSUnderlyingErrorKey] = NSError(domain: NSPOSIXErrorDomain, code: Int(errno)) }
            return NSError(domain: NSCocoaErrorDomain, code: code.rawValue, userInfo: info)
        }
        let cases: [(Error, String)] = [
            (cocoa(.fileWriteOutOfSpace, errno: ENOSPC), "/x/out.npy: no space left on the device"),
            (cocoa(.fileWriteFileExists, errno: nil), "/x/out.npy: a file is in the way (it already exists)"),
            (cocoa(.fileWriteNoPermission, errno: EACCES), "/x/out.npy: permission denied"),
            (cocoa(.fileNoSuchFile, errno: ENOENT), "/x/out.npy: no such file or directory"),
            (cocoa(.fileWriteUnknown, errno: EISDIR), "/x/out.npy: is a directory, not a file"),
            (cocoa(.fileWriteVolumeReadOnly, errno: EROFS), "/x/out.npy: read-only file system"),
        ]
        for (error, text) in cases { #expect("\(FileProblem.translating(error))" == text) }
        // Other errors pass unchanged.
        #expect(FileProblem.translating(ValidationError("v")) is ValidationError)
    }
}
