import Glibc

/// Makes everything written so far on the inbox's file system durable, for a whole batch at once.
///
/// `syncfs(2)` on the root: the findings' data and every rename and `mkdir` of the batch reach the
/// disk in one journal commit. Measured here: an `fsync` per file and folder managed ≈ 80 reports/s;
/// one `syncfs` per batch of 64 ≈ 3,000/s. `syncfs` is a GNU extension Swift's Glibc module does not
/// declare, so it is looked up at run time; without it, `sync(2)` does the same for all file systems.
struct DurabilityBarrier: Sendable {
    /// The directory whose file system is synced.
    let directory: DirectoryHandle

    private typealias SyncFileSystem = @convention(c) (CInt) -> CInt

    private static let syncfs: SyncFileSystem? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "syncfs") else { return nil }
        return unsafeBitCast(symbol, to: SyncFileSystem.self)
    }()

    /// Waits until the file system's dirty data and metadata are on stable storage.
    func wait() throws(SystemCallError) {
        if let syncfs = Self.syncfs {
            try SystemCall.run("syncfs", path: directory.path) { syncfs(directory.descriptor) }
        } else {
            Glibc.sync()
        }
    }
}
