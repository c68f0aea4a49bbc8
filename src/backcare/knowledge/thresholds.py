"""The adaptation thresholds' models now live in the domain
(``backcare.domain.knowledge.thresholds``); re-exported here so older imports keep working."""

from backcare.domain.knowledge.thresholds import Count as Count
from backcare.domain.knowledge.thresholds import Days as Days
from backcare.domain.knowledge.thresholds import PainLevel as PainLevel
from backcare.domain.knowledge.thresholds import Points as Points
from backcare.domain.knowledge.thresholds import Share as Share
from backcare.domain.knowledge.thresholds import Thresholds as Thresholds
