import Testing

@testable import Inbox

/// The `.work/` transaction state by state, without a file system: each event leads to one step.
@Suite("Claim transaction")
struct ClaimTransactionTests {
    let id = ClaimID(value: 0x0017_9000_0000_0001)
    let report = FileName("年报.txt")
    var placement: Placement {
        Placement(
            folder: .rejected, finalName: FileName("年报.1.txt"),
            pieces: [FileName("年报.1.txt"), FileName("年报.1.txt.findings.json"), FileName("年报.1.txt.findings.txt")],
            report: report)
    }
    let fault = SystemCallError(call: "renameat2", path: "x", errno: .noSpace)

    @Test("a new claim: judge, findings barrier, commit, move out, output barrier, tidy, file")
    func newClaimGoesTheWholeWay() {
        var transaction = ClaimTransaction(id: id)
        #expect(ClaimTransaction.start == .inspect)
        #expect(transaction.event(.inspected(.claimed(report: report))) == .judge(report: report))
        #expect(transaction.event(.built(placement)) == .awaitFindingsBarrier)
        #expect(transaction.waitingOn == .awaitFindingsBarrier)
        #expect(transaction.event(.findingsDurable) == .commit(placement))
        #expect(transaction.waitingOn == nil)
        #expect(transaction.event(.committed) == .moveOut(placement))
        #expect(transaction.event(.movedOut) == .awaitOutputBarrier)
        #expect(transaction.waitingOn == .awaitOutputBarrier)
        #expect(transaction.event(.outputsDurable) == .tidy(placement))
        #expect(transaction.event(.tidied) == .file(placement, retry: nil))
        #expect(transaction.state == .done)
        #expect(transaction.event(.tidied) == .none, "a finished transaction takes no more steps")
    }

    @Test("a claim whose judging killed processes the most times allowed is set aside unread")
    func poisonReportIsSetAside() {
        var once = ClaimTransaction(id: id, interruptedAttempts: WorkFolder.maximumAttempts - 1)
        #expect(once.event(.inspected(.claimed(report: report))) == .judge(report: report))
        var twice = ClaimTransaction(id: id, interruptedAttempts: WorkFolder.maximumAttempts)
        #expect(
            twice.event(.inspected(.claimed(report: report)))
                == .setAside(report: report, attempts: WorkFolder.maximumAttempts))
        #expect(twice.event(.built(placement)) == .awaitFindingsBarrier, "set aside, it is filed like any verdict")
    }

    @Test("recovery: a claim found committed after a crash is moved out, not judged again", arguments: [true, false])
    func committedClaimIsMovedOut(reportStillClaimed: Bool) {
        var placement = placement
        if !reportStillClaimed { placement.report = nil }
        var transaction = ClaimTransaction(id: id)
        let found = ClaimState.committed(
            folder: placement.folder, finalName: placement.finalName, pieces: placement.pieces,
            report: placement.report)
        #expect(transaction.event(.inspected(found)) == .moveOut(placement))
        #expect(transaction.event(.movedOut) == .awaitOutputBarrier)
        #expect(transaction.event(.outputsDurable) == .tidy(placement))
        #expect(transaction.event(.tidied) == .file(placement, retry: nil))
    }

    @Test("recovery: a claim that holds nothing is emptied and ends without a verdict")
    func finishedClaimIsEmptied() {
        var transaction = ClaimTransaction(id: id)
        #expect(transaction.event(.inspected(.finished)) == .removeEmptyFolders)
        #expect(transaction.event(.emptied) == .none)
        #expect(transaction.state == .done)
    }

    @Test("a state the daemon never makes is left alone with the reason")
    func inconsistentClaimIsLeftAlone() {
        var transaction = ClaimTransaction(id: id)
        #expect(transaction.event(.inspected(.inconsistent("two stages"))) == .leaveAlone("two stages"))
        #expect(transaction.state == .done)
    }

    @Test("a name taken meanwhile: the findings come back and the claim is handed back to be judged again")
    func nameTakenRollsBack() {
        var transaction = ClaimTransaction(id: id)
        _ = transaction.event(.inspected(.claimed(report: report)))
        _ = transaction.event(.built(placement))
        _ = transaction.event(.findingsDurable)
        _ = transaction.event(.committed)
        #expect(transaction.event(.nameTaken) == .rollBack(placement))
        #expect(transaction.event(.rolledBack) == .retry(fault: nil))
    }

    /// The events that take a new claim to each state before filing, and the step it is then in.
    static let stepsBeforeFiling: [[ClaimTransaction.Event]] = [
        [],
        [.inspected(.claimed(report: FileName("年报.txt")))],
        [.inspected(.claimed(report: FileName("年报.txt"))), .built(Self.sample)],
        [.inspected(.claimed(report: FileName("年报.txt"))), .built(Self.sample), .findingsDurable],
        [.inspected(.claimed(report: FileName("年报.txt"))), .built(Self.sample), .findingsDurable, .committed],
        [.inspected(.claimed(report: FileName("年报.txt"))), .built(Self.sample), .findingsDurable, .committed, .movedOut],
        [.inspected(.finished)],
    ]
    static let sample = Placement(
        folder: .accepted, finalName: FileName("a.txt"), pieces: [FileName("a.txt")],
        report: FileName("年报.txt"))

    @Test("a fault at any step before the outputs are durable hands the claim back with its errno", arguments: stepsBeforeFiling)
    func faultHandsTheClaimBack(events: [ClaimTransaction.Event]) {
        var transaction = ClaimTransaction(id: id)
        for event in events { _ = transaction.event(event) }
        #expect(transaction.event(.failed(fault)) == .retry(fault: fault))
        #expect(transaction.state == .done)
    }

    @Test("a fault while tidying: the durable verdict is filed, and the claim is retried to finish .work/")
    func tidyFaultStillFiles() {
        var transaction = ClaimTransaction(id: id)
        for event: ClaimTransaction.Event in [
            .inspected(.claimed(report: report)), .built(placement), .findingsDurable,
            .committed, .movedOut, .outputsDurable,
        ] {
            _ = transaction.event(event)
        }
        #expect(transaction.event(.failed(fault)) == .file(placement, retry: fault))
    }
}

@Suite("Output name allocation")
struct OutputNameAllocatorTests {
    @Test("a free name is used as is; a taken one gets the first free suffix, findings names included")
    func suffixesSkipTakenNames() throws {
        var names = OutputNameAllocator()
        let onDisk: Set<FileName> = [FileName("r.txt"), FileName("r.1.txt.findings.txt")]
        let taken = { (name: FileName) throws(SystemCallError) -> Bool in onDisk.contains(name) }
        #expect(try names.allocate(for: FileName("new.txt"), in: .accepted, isTaken: taken) == FileName("new.txt"))
        #expect(try names.allocate(for: FileName("r.txt"), in: .accepted, isTaken: taken) == FileName("r.2.txt"))
    }

    @Test("names reserved in a batch are not given twice; a new batch frees them; folders are apart")
    func reservedNamesAreNotGivenTwice() throws {
        var names = OutputNameAllocator()
        let none = { (_: FileName) throws(SystemCallError) -> Bool in false }
        #expect(try names.allocate(for: FileName("r.txt"), in: .rejected, isTaken: none) == FileName("r.txt"))
        #expect(try names.allocate(for: FileName("r.txt"), in: .rejected, isTaken: none) == FileName("r.1.txt"))
        #expect(try names.allocate(for: FileName("r.txt"), in: .accepted, isTaken: none) == FileName("r.txt"))
        names.beginBatch()
        // The hint starts where the last free name was found; the disk is still asked.
        #expect(try names.allocate(for: FileName("r.txt"), in: .rejected, isTaken: none) == FileName("r.1.txt"))
    }

    @Test("the hint saves probing: the thousandth drop of one name asks the disk about one candidate")
    func hintAvoidsReprobing() throws {
        var names = OutputNameAllocator()
        var onDisk = Set<FileName>()
        var probes = 0
        for _ in 0..<1000 {
            names.beginBatch()
            probes = 0
            let name = try names.allocate(for: FileName("r.txt"), in: .rejected) { (candidate) throws(SystemCallError) in
                probes += 1
                return onDisk.contains(candidate)
            }
            onDisk.formUnion([name, name.appending(".findings.json"), name.appending(".findings.txt")])
        }
        #expect(onDisk.contains(FileName("r.999.txt")))
        #expect(probes <= 6, "the last drop probed \(probes) names")
    }

    @Test("a failing look-up keeps its errno")
    func lookUpFaultKeepsErrno() {
        var names = OutputNameAllocator()
        let error = SystemCallError(call: "fstatat", path: "accepted/r.txt", errno: .permissionDenied)
        #expect(throws: error) {
            try names.allocate(for: FileName("r.txt"), in: .accepted) { (_) throws(SystemCallError) in throw error }
        }
    }
}
