/// Where one claim's files stand once its findings are built: the output folder, the report's final
/// name there, the stage's entries still to move, and the report's name in the claim folder.
struct Placement: Hashable, Sendable {
    var folder: OutputFolder
    /// The report's name in the output folder (`F`); the findings are `F.findings.json`, `F.findings.txt` and `F.findings.html`.
    var finalName: FileName
    /// The stage's entries still to move (findings and the marker `F`).
    var pieces: Set<FileName>
    /// The report's name in the claim folder; nil once it has left.
    var report: FileName?
}

/// One claim's way through `.work/` as a state machine: it is told what happened (``Event``) and
/// answers with the next step (``Action``), performing none itself, so every state and every
/// crash-recovery path is tested without a file system. ``ClaimPipeline`` performs the steps.
///
/// The path of a new claim: inspect → judge (or set aside) → wait for the findings barrier → commit
/// → move out → wait for the output barrier → tidy → file the verdict. A claim found in `.work/`
/// after a crash enters at the step its folders show (``ClaimState``); a fault at any step leaves
/// the claim where it stands, to be inspected again on the retry.
struct ClaimTransaction: Sendable {
    enum State: Hashable, Sendable {
        /// Waiting for ``ClaimState`` from the claim's folders.
        case inspecting
        /// Nothing held: its empty folders and markers are being removed.
        case emptying
        /// The report in the claim folder is being judged (or set aside) and its findings built.
        case judging(report: FileName)
        /// The findings are in `<id>.build/`, waiting for the durability barrier.
        case built(Placement)
        /// The findings are durable: `<id>.build/` is renamed to the stage.
        case committing(Placement)
        /// Committed: the findings, then the report, are moved out.
        case movingOut(Placement)
        /// The final name was taken meanwhile: the findings come back and the build is discarded.
        case rollingBack(Placement)
        /// Everything is in the output folder, waiting for the durability barrier.
        case movedOut(Placement)
        /// Durable: the marker and the claim's folders are removed.
        case tidying(Placement)
        /// Ended: filed, emptied, handed back to retry, or left alone.
        case done
    }

    enum Event: Hashable, Sendable {
        case inspected(ClaimState)
        case emptied
        /// The findings were written into `<id>.build/` for `placement`.
        case built(Placement)
        case findingsDurable
        case committed
        case movedOut
        /// A name in the output folder appeared between choosing it and moving (`EEXIST`).
        case nameTaken
        case rolledBack
        case outputsDurable
        case tidied
        /// The step failed with this fault: the claim stays where it is.
        case failed(SystemCallError)
    }

    enum Action: Hashable, Sendable {
        /// Read the claim's folders and report ``Event/inspected(_:)``.
        case inspect
        /// Remove the claim's empty folders and markers.
        case removeEmptyFolders
        /// Judge the report (record the attempt first) and build its findings.
        case judge(report: FileName)
        /// Set the report aside unread (FILE-007) after `attempts` interrupted ones, and build its findings.
        case setAside(report: FileName, attempts: Int)
        /// Wait for the batch's findings barrier.
        case awaitFindingsBarrier
        /// Rename `<id>.build/` to the stage of `placement.folder`.
        case commit(Placement)
        /// Move the pieces still in the stage, then the report, into the output folder (`RENAME_NOREPLACE`).
        case moveOut(Placement)
        /// Bring the findings back into the stage, un-commit and discard the build.
        case rollBack(Placement)
        /// Wait for the batch's output barrier.
        case awaitOutputBarrier
        /// Remove the marker, the stage, the judging marker and the claim folder.
        case tidy(Placement)
        /// The verdict is durable in its folder: count it and hand it to the post-filing steps;
        /// `retry` is set when tidying failed, so `.work/` is finished on a retry.
        case file(Placement, retry: SystemCallError?)
        /// Hand the claim back to be finished later; `fault` when a step failed, nil for a rejudgement.
        case retry(fault: SystemCallError?)
        /// A state the daemon never makes: log it and leave the claim alone.
        case leaveAlone(String)
        /// Nothing more to do.
        case none
    }

    let id: ClaimID
    /// How many processes died judging this claim, as found at start (0 for a new claim).
    let interruptedAttempts: Int
    private(set) var state = State.inspecting

    init(id: ClaimID, interruptedAttempts: Int = 0) {
        self.id = id
        self.interruptedAttempts = interruptedAttempts
    }

    /// The barrier the claim waits on, if any.
    var waitingOn: Action? {
        switch state {
        case .built: .awaitFindingsBarrier
        case .movedOut: .awaitOutputBarrier
        default: nil
        }
    }

    /// The first step of every claim, new or found after a crash.
    static let start = Action.inspect

    /// Moves to the state `event` leads to and returns the step to take there.
    mutating func event(_ event: Event) -> Action {
        switch (state, event) {
        case (.inspecting, .inspected(let found)):
            return inspected(found)
        case (.emptying, .emptied):
            state = .done
            return .none
        case (.judging, .built(let placement)):
            state = .built(placement)
            return .awaitFindingsBarrier
        case (.built(let placement), .findingsDurable):
            state = .committing(placement)
            return .commit(placement)
        case (.committing(let placement), .committed):
            state = .movingOut(placement)
            return .moveOut(placement)
        case (.movingOut(let placement), .movedOut):
            state = .movedOut(placement)
            return .awaitOutputBarrier
        case (.movingOut(let placement), .nameTaken):
            state = .rollingBack(placement)
            return .rollBack(placement)
        case (.rollingBack, .rolledBack):
            state = .done
            return .retry(fault: nil)
        case (.movedOut(let placement), .outputsDurable):
            state = .tidying(placement)
            return .tidy(placement)
        case (.tidying(let placement), .tidied):
            state = .done
            return .file(placement, retry: nil)
        case (.tidying(let placement), .failed(let fault)):
            // The report and its findings are durable in the output folder: the verdict stands.
            state = .done
            return .file(placement, retry: fault)
        case (.done, _):
            return .none
        case (_, .failed(let fault)):
            state = .done
            return .retry(fault: fault)
        default:
            preconditionFailure("claim \(id): event \(event) in state \(state)")
        }
    }

    /// The step a claim's folders call for: a claim found after a crash takes up where it stopped.
    private mutating func inspected(_ found: ClaimState) -> Action {
        switch found {
        case .finished:
            state = .emptying
            return .removeEmptyFolders
        case .claimed(let report):
            state = .judging(report: report)
            // Set aside, the marker stays until the claim is finished: a death before the commit sets it aside again.
            if interruptedAttempts >= WorkFolder.maximumAttempts {
                return .setAside(report: report, attempts: interruptedAttempts)
            }
            return .judge(report: report)
        case .committed(let folder, let finalName, let pieces, let report):
            let placement = Placement(folder: folder, finalName: finalName, pieces: pieces, report: report)
            state = .movingOut(placement)
            return .moveOut(placement)
        case .inconsistent(let why):
            state = .done
            return .leaveAlone(why)
        }
    }
}
