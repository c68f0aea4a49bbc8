"""Why each kind of item is in a plan, in plain words (cited by the item's evidence ids)."""

from __future__ import annotations


class Why:
    """Reasons shown with each planned item; the item's own evidence ids back them."""

    daily_hamstring = (
        "Tight muscles at the back of the thighs pull on the pelvis and make bending harder for "
        "the lower back. A short stretch every day keeps them supple."
    )
    mobility = (
        "Gentle movement of the spine eases stiffness and reminds the back that moving is safe. "
        "It also warms you up for the rest of the session."
    )
    stretch = (
        "Stretching muscles around the hips and lower back, which often tighten when the back "
        "hurts, helps you move more freely."
    )
    strength = (
        "Exercise is the main treatment that all three guidelines agree on. Stronger trunk and "
        "hip muscles support the back; this starts easy and builds up week by week."
    )
    aerobic = (
        "Regular activity that raises your breathing a little helps pain and mood and keeps "
        "you active, which speeds recovery. Build up towards 20 to 30 minutes on most days."
    )
    self_massage = (
        "Massage can give short-term relief. It is only in your plan because you also exercise: "
        "guidelines support it beside exercise, not instead of it."
    )
    foam_rolling = (
        "Rolling the muscles around the back (never the lower spine itself) can ease tightness "
        "for a while. The evidence is weak, so it is an optional extra beside your exercises."
    )
    partner = (
        "A partner can reach muscles you cannot. This routine is planned beside your exercises; "
        "massage alone is not a treatment for back pain."
    )
    heat = (
        "Warmth gives a small, short-term easing of pain and can make it easier to move. Use it "
        "when you need it."
    )
    cold = (
        "In the first days after a strain some people find cold soothing. The evidence is thin, "
        "so it is just an option: use whichever of heat or cold feels better."
    )
    posture = (
        "There is no single perfect posture. Changing position often, and setting up how you "
        "sit, work, lift and sleep, takes strain off a sore back."
    )
    advice = "Staying active and knowing what to do if things change are part of every plan."
    lesson = (
        "Understanding back pain makes it less frightening and helps you keep going with the "
        "plan. Read one lesson a day or two."
    )
    weight = (
        "Your height and weight put you above the healthy range. Extra weight is linked with "
        "more back pain that lasts longer, and small, steady changes help."
    )
    smoking = (
        "You told us you smoke. Smoking is linked with more back pain that lasts longer, and "
        "stopping helps your health in many ways; support makes it much easier."
    )
    breathing = (
        "Pain makes muscles tense and breathing quick. Slow breathing helps both settle, and "
        "you can use it anywhere, whenever pain builds up."
    )
    relaxation = (
        "For back pain that has lasted, or that brings worry, learning to relax on purpose "
        "helps pain take up less of your life. Guidelines recommend mindfulness and "
        "progressive relaxation for long-lasting back pain."
    )
