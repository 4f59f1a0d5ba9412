/// Advisory whole-file locks (flock) shared by threads and processes: the cache's per-key locks
/// and the per-profile publishing lock. The kernel drops a lock when its holder dies, so a lock
/// that can be taken proves nobody alive owns what it guards.
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public enum FileLock {
    /// Runs `body` holding an exclusive lock on `url` (created if missing). When another holder
    /// has it, calls `onWait` once, then blocks until it is free.
    public static func withLock<T>(_ url: URL, onWait: () -> Void = {}, _ body: () throws -> T) throws -> T {
        let fd = try openLockFile(url)
        defer { close(fd) }
        if !(try take(fd, url, blocking: false)) {
            onWait()
            _ = try take(fd, url, blocking: true)
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }

    /// Runs `body` holding the lock if it is free right now; nil (body not run) when it is held.
    public static func tryLock<T>(_ url: URL, _ body: () throws -> T) throws -> T? {
        let fd = try openLockFile(url)
        defer { close(fd) }
        guard try take(fd, url, blocking: false) else { return nil }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }

    private static func openLockFile(_ url: URL) throws -> Int32 {
        // O_CLOEXEC: a child process (e.g. `swift --version`) must not inherit and keep the lock.
        let fd = open(url.path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw StoreError("cannot open lock \(url.path): \(String(cString: strerror(errno)))") }
        return fd
    }

    private static func take(_ fd: Int32, _ url: URL, blocking: Bool) throws -> Bool {
        while flock(fd, LOCK_EX | (blocking ? 0 : LOCK_NB)) != 0 {
            if errno == EINTR { continue }
            if errno == EWOULDBLOCK && !blocking { return false }
            throw StoreError("cannot lock \(url.path): \(String(cString: strerror(errno)))")
        }
        return true
    }
}
