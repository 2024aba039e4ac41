"""The Infusion page: the cycle timeline, the assessment dialog and the action panel."""
