@preconcurrency import Dispatch
import Glibc

/// SIGHUP as an async sequence: each element is one "re-read the config" request.
///
/// swift-service-lifecycle traps SIGTERM and SIGINT for shutdown; SIGHUP is ours. The handler is
/// registered before ``trap()`` returns, so a reload request sent right after start-up is never
/// the default action (which would end the process).
final class HangupSignals: AsyncSequence, @unchecked Sendable {  // Dispatch sources are thread-safe.
    typealias Element = Void

    private let source: any DispatchSourceSignal
    private let stream: AsyncStream<Void>

    private init(source: DispatchSourceSignal, stream: AsyncStream<Void>) {
        self.source = source
        self.stream = stream
    }

    /// Starts trapping SIGHUP; returns once the handler is in place.
    static func trap() async -> HangupSignals {
        let queue = DispatchQueue(label: "nianbao.sighup")
        let source = DispatchSource.makeSignalSource(signal: SIGHUP, queue: queue)
        // Repeated SIGHUPs before the reload loop catches up collapse into one pending reload.
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        source.setEventHandler { continuation.yield() }
        source.setCancelHandler { continuation.finish() }
        await withCheckedContinuation { (registered: CheckedContinuation<Void, Never>) in
            source.setRegistrationHandler { registered.resume() }
            source.resume()
        }
        return HangupSignals(source: source, stream: stream)
    }

    func makeAsyncIterator() -> AsyncStream<Void>.Iterator {
        stream.makeAsyncIterator()
    }

    deinit {
        source.cancel()
    }
}
