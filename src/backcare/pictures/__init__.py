"""Pictures of exercises drawn from pose data: one simple figure, forward kinematics, SVG.

Pure code: no file, web or database access. The poses are knowledge (``poses.yaml``), loaded
and validated at the edge and passed in.
"""
