#pragma once
// The candidate bus before and after one traced step, as one table with a diff: what the trace
// stepper shows. It reads the JSON snapshots a StepTrace keeps (CandidateBus::toJson lists of
// {"item", "score", "provenance"}) and classifies every item: added, removed, kept, or moved. Of
// the items on both sides, the longest run that kept its relative order is "kept" and the rest
// "moved" — the fewest moves that explain the new order: a filter that removes items moves
// nothing, one item jumping to the front is the only one moved. (CandidateBus::diff counts every
// kept item out of step with the old order; for a picture of one step the minimal set reads better.)
//
// Snapshots list at most ExecutorOptions::busSnapshotLimit candidates (the bus may hold the whole
// catalog), so an item "added" or "removed" here may only have crossed that cut; the diff is of the
// snapshots as recorded. An empty before list is an inactive bus (the whole catalog) or an empty one.
// Threading: pure functions over values.
#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "util/status.h"

namespace rs::agent {

enum class BusChange { Kept, Added, Removed, Moved };
std::string_view busChangeName(BusChange c);  // "kept", "added", "removed", "moved"

struct BusDiffRow {
    std::string item;
    BusChange change = BusChange::Kept;
    int before = -1, after = -1;  // 0-based positions; -1 when not on that side
    double scoreBefore = 0, scoreAfter = 0;
    std::vector<std::string> provenance;  // from the after side (before side for removed items)
};

struct BusSnapshotDiff {
    // Items in their after order (kept, moved and added), then the removed ones in their before order.
    std::vector<BusDiffRow> rows;
    size_t added = 0, removed = 0, moved = 0, kept = 0;
    size_t beforeSize = 0, afterSize = 0;  // snapshot lengths
};

// Fails naming the side and entry when a snapshot is not a list of {"item": string, ...}.
// An item listed twice on one side counts once (its first position).
util::Result<BusSnapshotDiff> diffBusSnapshots(const nlohmann::json& before, const nlohmann::json& after);

}  // namespace rs::agent
