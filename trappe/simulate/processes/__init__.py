"""The simulation's processes, one module per domain process.

Each is a set of functions of the kernel (`trappe.simulate.kernel.Kernel`) and their own
arguments; the functions scheduled as actions run as `action(kernel, *args)`. The modules import
each other in one direction only, each from those above it:

    caseworkers, decisions, costs, complaints, wellbeing   the kernel only
    followups      follow-ups (decisions: the date Barnets Lov took effect)
    ladder         ladder moves, retractions, a measure ending (costs, decisions)
    cases          a case opened and closed (caseworkers, ladder)
    episodes       a measure starting and ending by itself (cases, followups, ladder, ...)
    notifications  notifications, their assessment, investigations (cases, decisions)
    stock          the monthly stock controller, the first day's stock (episodes, notifications)
    breakdowns     placements breaking down (episodes, cases, ladder)
"""
