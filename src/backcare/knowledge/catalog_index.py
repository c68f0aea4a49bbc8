"""The catalog mapping now lives in the domain (``backcare.domain.knowledge.catalog``).

Re-exported here so code written against this path keeps working.
"""

from backcare.domain.knowledge.catalog import Catalog as Catalog
