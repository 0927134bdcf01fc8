"""Event fusion: the reports of one real-world event in many articles become one fused event."""

from thoisu.fusion.consensus import consensus
from thoisu.fusion.event import FusedEvent
from thoisu.fusion.match import best_match, blocks, event_blocks
from thoisu.fusion.model import Alternative, Consensus, Report, fused_id_for

__all__ = [
    "Alternative",
    "Consensus",
    "FusedEvent",
    "Report",
    "best_match",
    "blocks",
    "consensus",
    "event_blocks",
    "fused_id_for",
]
