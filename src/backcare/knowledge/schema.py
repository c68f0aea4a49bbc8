"""The knowledge's entry models now live in the domain (``backcare.domain.knowledge.schema``).

Re-exported here so code written against this path keeps working; new code imports the domain
module.
"""

from backcare.domain.knowledge.schema import ID_PATTERN as ID_PATTERN
from backcare.domain.knowledge.schema import CatalogEntry as CatalogEntry
from backcare.domain.knowledge.schema import DeEscalation as DeEscalation
from backcare.domain.knowledge.schema import Dose as Dose
from backcare.domain.knowledge.schema import Frozen as Frozen
from backcare.domain.knowledge.schema import LevelAction as LevelAction
from backcare.domain.knowledge.schema import NotRecommended as NotRecommended
from backcare.domain.knowledge.schema import RedFlagRule as RedFlagRule
from backcare.domain.knowledge.schema import Reference as Reference
from backcare.domain.knowledge.schema import Route as Route
