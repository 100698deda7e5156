"""The built-in Cramp-now protocol, compiled into the package: used when no protocol file loads.

GENERATED from routines/cramp-now.yaml by ``python -m cramp_coach.schema.protocol_fallback``;
do not edit by hand (a test checks that it matches the shipped file).
"""

# ruff: noqa: E501
from __future__ import annotations

from cramp_coach.domain.protocol import (
    CrampLocation,
    CrampProtocol,
    DiaryFlag,
    LocationPlan,
    ProtocolStep,
    RedFlagTier,
    StandGate,
    Urgency,
)
from cramp_coach.domain.routine import Evidence

BUILTIN_PROTOCOL = CrampProtocol(
    id="cramp-now",
    disclaimer="cramp-coach offers gentle stretches and simple first-aid steps for ordinary leg cramps. It cannot diagnose, treat or rule out any illness, and it is no substitute for advice from your doctor, nurse, midwife or physiotherapist. Stop any step that causes sharp pain or makes you dizzy. If you notice a warning sign, contact a health professional. In an emergency, call your local emergency number. Content last reviewed: 23 November 2026. Sources: see Help → Sources.",
    sit_first_check=ProtocolStep(
        title="Sit up first",
        lines=(
            "Sit on the edge of the bed, feet flat.",
            "Switch on a light. Hold something firm.",
            "Feel dizzy? Lie back down.",
        ),
        say="Before you stand, sit on the edge of the bed with both feet flat on the floor. Switch on a light and hold on to something firm. Stay sitting for about thirty seconds. If you feel dizzy or faint, lie back down and carry on with the steps you can do lying or sitting.",
        timer_seconds=30,
        standing=False,
        illustration="illustrations/cramp-sit-first.svg",
        evidence=Evidence.GUIDELINE,
        sources=(
            "CDC STEADI – Postural hypotension brochure (2017)",
            "NHS trust falls-prevention leaflets (TEWV, Southern Health)",
        ),
    ),
    stand_gate=StandGate(
        title="Can you stand safely?",
        lines=(
            "The next steps are done standing.",
            "Only if you feel steady, with a light on and something firm to hold.",
            "Not sure? Stay sitting or lying.",
        ),
        say="Can you stand safely? Only stand if you feel steady, with a light on and something firm to hold. If you're not sure, stay sitting or lying.",
    ),
    urgent_after_minutes=10,
    urgent_message="This cramp has lasted more than 10 minutes. If it isn't easing with stretching or moving, get medical advice now: call your doctor, an urgent-care line such as NHS 111, or go to urgent care. If it is easing, carry on and tap It's eased.",
    locations=(
        LocationPlan(
            location=CrampLocation.CALF,
            label="Calf",
            hint="back of the lower leg",
            steps=(
                ProtocolStep(
                    title="Stretch the calf",
                    lines=(
                        "Straighten your knee.",
                        "Pull your toes and foot towards you.",
                        "Firm, not forceful. Keep breathing.",
                    ),
                    say="Sit or lie with your leg straight. Pull your toes and foot up towards you, with your hand, or with a sheet or towel round the ball of your foot. Keep it firm and steady, not forceful, and breathe slowly. Hold for thirty seconds. If it's still tight, tap Repeat.",
                    timer_seconds=30,
                    standing=False,
                    illustration="illustrations/toe-pulls.svg",
                    evidence=Evidence.GUIDELINE,
                    sources=(
                        "NHS – Leg cramps (nhs.uk/conditions/leg-cramps)",
                        "NICE CKS – Leg cramps (cks.nice.org.uk/leg-cramps)",
                        "Mayo Clinic – Muscle cramp (mayoclinic.org/diseases-conditions/muscle-cramp)",
                        "UpToDate – Nocturnal leg cramps (patient information)",
                        "HSE Ireland – Leg cramps during pregnancy (hse.ie)",
                    ),
                ),
                ProtocolStep(
                    title="Rub the calf",
                    lines=(
                        "Keep a light stretch on the foot.",
                        "Rub the calf firmly, up and down.",
                    ),
                    say="Keep a light stretch on your foot. With the heel of your hand, rub the calf muscle firmly, up and down. If your calf is swollen, hot or red, don't rub it. Open the warning signs instead.",
                    timer_seconds=60,
                    standing=False,
                    illustration="illustrations/cramp-calf-massage.svg",
                    evidence=Evidence.GUIDELINE,
                    sources=(
                        "NHS – Leg cramps (nhs.uk/conditions/leg-cramps)",
                        "NICE CKS – Leg cramps (cks.nice.org.uk/leg-cramps)",
                        "Mayo Clinic – Muscle cramp (mayoclinic.org/diseases-conditions/muscle-cramp)",
                        "Cleveland Clinic – Muscle cramps, care and treatment (my.clevelandclinic.org)",
                    ),
                ),
                ProtocolStep(
                    title="Stand on the leg",
                    lines=(
                        "Hold a firm support.",
                        "Put your weight on the cramped leg.",
                        "Heel down, knee slightly bent.",
                    ),
                    say="Holding your support, stand up slowly. Put your weight on the cramped leg, press the heel into the floor and bend the knee slightly. Hold for thirty seconds. If you feel dizzy, sit straight back down.",
                    timer_seconds=30,
                    standing=True,
                    illustration="illustrations/cramp-calf-stand.svg",
                    evidence=Evidence.GUIDELINE,
                    sources=(
                        "NHS – Leg cramps (nhs.uk/conditions/leg-cramps)",
                        "Mayo Clinic – Muscle cramp (mayoclinic.org/diseases-conditions/muscle-cramp)",
                        "Cleveland Clinic – Muscle cramps, care and treatment (my.clevelandclinic.org)",
                    ),
                ),
                ProtocolStep(
                    title="A few slow steps",
                    lines=(
                        "Keep holding on.",
                        "Take a few slow steps.",
                        "Or walk a little on your heels.",
                    ),
                    say="Keep one hand on something firm. Take a few slow, steady steps, or walk a little on your heels with your toes lifted. There's no hurry. Sit down if you feel unsteady.",
                    timer_seconds=60,
                    standing=True,
                    illustration="illustrations/cramp-calf-walk.svg",
                    evidence=Evidence.GUIDELINE,
                    sources=(
                        "NHS Choices – Leg cramps (older text, reviewed 2017)",
                        "Cleveland Clinic – Leg cramps, living with (my.clevelandclinic.org)",
                        "UpToDate – Nocturnal leg cramps (patient information)",
                    ),
                ),
                ProtocolStep(
                    title="Warmth, if you like",
                    lines=(
                        "A warm towel or a wrapped heat pack.",
                        "Always a cloth between heat and skin.",
                        "Leg swollen, hot or red? Skip this.",
                    ),
                    say="If the muscle still feels tight, warmth may help. Use a warm, not hot, towel, or a heat pack wrapped in a cloth. Never fall asleep with a heat pad on. Skip this step if your legs have reduced feeling. If your leg is swollen, hot or red, don't warm it: open the warning signs instead.",
                    timer_seconds=180,
                    standing=False,
                    illustration="illustrations/cramp-calf-warmth.svg",
                    evidence=Evidence.GUIDELINE,
                    sources=(
                        "Mayo Clinic – Muscle cramp (mayoclinic.org/diseases-conditions/muscle-cramp)",
                        "Cleveland Clinic – Muscle cramps, care and treatment (my.clevelandclinic.org)",
                        "MedlinePlus – Muscle cramps (medlineplus.gov/ency/article/003193.htm)",
                    ),
                ),
                ProtocolStep(
                    title="Rest, leg raised",
                    lines=(
                        "Lie back.",
                        "Rest your calf on a pillow.",
                        "Circle your ankle gently, if comfortable.",
                    ),
                    say="Lie back and rest your leg on a pillow, so your calf is raised. If it feels comfortable, slowly circle your ankle. Rest here for two minutes. If you're pregnant, lie on your side or stay propped up on pillows.",
                    timer_seconds=120,
                    standing=False,
                    illustration="illustrations/cramp-rest.svg",
                    evidence=Evidence.GUIDELINE,
                    sources=(
                        "Cleveland Clinic – Muscle cramps, care and treatment (my.clevelandclinic.org)",
                        "UpToDate – Nocturnal leg cramps (patient information)",
                    ),
                ),
            ),
        ),
        LocationPlan(
            location=CrampLocation.FOOT,
            label="Foot or toes",
            hint="sole of the foot, or toes curling",
            steps=(
                ProtocolStep(
                    title="Pull the toes back",
                    lines=(
                        "Sit with your leg straight.",
                        "Pull your toes up and back towards your shin.",
                        "Spread your toes if you can.",
                    ),
                    say="Sit with your leg straight out. With your hand, gently pull your toes and the front of your foot up and back, towards your shin. Spread your toes if you can. Hold for thirty seconds, and tap Repeat if it's still tight.",
                    timer_seconds=30,
                    standing=False,
                    illustration="illustrations/cramp-foot-stretch.svg",
                    evidence=Evidence.COMMON_PRACTICE,
                    sources=(
                        "HSE Ireland – Leg cramps during pregnancy (hse.ie)",
                        "NHS – Leg cramps (nhs.uk/conditions/leg-cramps)",
                    ),
                ),
                ProtocolStep(
                    title="Rub the sole",
                    lines=(
                        "Rub the sole and the arch",
                        "with your thumbs or knuckles.",
                        "Keep your toes relaxed.",
                    ),
                    say="Now rub the sole and the arch of your foot firmly with your thumbs or knuckles, in small circles. Keep your toes relaxed, not curled.",
                    timer_seconds=60,
                    standing=False,
                    illustration="illustrations/cramp-foot-massage.svg",
                    evidence=Evidence.COMMON_PRACTICE,
                    sources=(
                        "NHS – Leg cramps (nhs.uk/conditions/leg-cramps)",
                        "HSE Ireland – Leg cramps during pregnancy (hse.ie)",
                    ),
                ),
                ProtocolStep(
                    title="Stand on the foot",
                    lines=(
                        "Hold a firm support.",
                        "Stand with the foot flat, weight on it.",
                        "Press your toes flat to the floor.",
                    ),
                    say="Holding your support, stand up slowly with the cramped foot flat on the floor. Let your weight rest on it and gently press your toes flat. Hold for thirty seconds. If you feel dizzy, sit straight back down.",
                    timer_seconds=30,
                    standing=True,
                    illustration="illustrations/cramp-foot-stand.svg",
                    evidence=Evidence.COMMON_PRACTICE,
                    sources=(
                        "NHS – Leg cramps (nhs.uk/conditions/leg-cramps)",
                        "Cleveland Clinic – Muscle cramps, care and treatment (my.clevelandclinic.org)",
                    ),
                ),
                ProtocolStep(
                    title="Rest the foot",
                    lines=(
                        "Lie back.",
                        "Rest your foot up on a pillow.",
                        "Circle the ankle gently.",
                    ),
                    say="Lie back and rest your foot up on a pillow. If it feels comfortable, slowly circle your ankle. Rest here for two minutes.",
                    timer_seconds=120,
                    standing=False,
                    illustration="illustrations/cramp-rest.svg",
                    evidence=Evidence.COMMON_PRACTICE,
                    sources=(
                        "Cleveland Clinic – Muscle cramps, care and treatment (my.clevelandclinic.org)",
                        "UpToDate – Nocturnal leg cramps (patient information)",
                    ),
                ),
            ),
        ),
        LocationPlan(
            location=CrampLocation.FRONT_THIGH,
            label="Front of thigh",
            hint="above the knee, at the front",
            steps=(
                ProtocolStep(
                    title="Side-lying thigh stretch",
                    lines=(
                        "Lie on your side, cramped leg on top.",
                        "Bend the knee, heel towards your bottom.",
                        "Hold the ankle, or a towel round it.",
                    ),
                    say="Lie on your side with the cramped leg on top. Bend that knee and bring your heel towards your bottom, holding your ankle, or a towel looped round it. Keep your knees together. Hold for thirty seconds, and tap Repeat if it's still tight.",
                    timer_seconds=30,
                    standing=False,
                    illustration="illustrations/cramp-front-thigh-stretch.svg",
                    evidence=Evidence.COMMON_PRACTICE,
                    sources=(
                        "Mayo Clinic – Muscle cramp (mayoclinic.org/diseases-conditions/muscle-cramp)",
                        "Lying version adapted by cramp-coach for safety at night",
                    ),
                ),
                ProtocolStep(
                    title="Rub the thigh",
                    lines=(
                        "Long, firm strokes",
                        "down the front of your thigh.",
                    ),
                    say="Rub the front of your thigh with long, firm strokes, using the flat of your hands. Keep breathing slowly.",
                    timer_seconds=60,
                    standing=False,
                    illustration="illustrations/cramp-front-thigh-massage.svg",
                    evidence=Evidence.GUIDELINE,
                    sources=(
                        "NHS – Leg cramps (nhs.uk/conditions/leg-cramps)",
                        "NICE CKS – Leg cramps (cks.nice.org.uk/leg-cramps)",
                        "Mayo Clinic – Muscle cramp (mayoclinic.org/diseases-conditions/muscle-cramp)",
                    ),
                ),
                ProtocolStep(
                    title="Standing thigh stretch",
                    lines=(
                        "Hold a chair with one hand.",
                        "Bend the knee, foot towards your bottom.",
                        "Hold the ankle. Knees together.",
                    ),
                    say="Hold the back of a sturdy chair with one hand and stand tall. Bend the cramped leg and bring your foot up towards your bottom, holding the ankle with your other hand. Keep your knees together. Hold for thirty seconds. If you feel wobbly, sit down and use the lying stretch instead.",
                    timer_seconds=30,
                    standing=True,
                    illustration="illustrations/cramp-front-thigh-stand.svg",
                    evidence=Evidence.GUIDELINE,
                    sources=("Mayo Clinic – Muscle cramp (mayoclinic.org/diseases-conditions/muscle-cramp)",),
                ),
                ProtocolStep(
                    title="Warmth, if you like",
                    lines=(
                        "A warm towel or a wrapped heat pack.",
                        "Always a cloth between heat and skin.",
                        "Leg swollen, hot or red? Skip this.",
                    ),
                    say="If the muscle still feels tight, warmth may help. Use a warm, not hot, towel, or a heat pack wrapped in a cloth. Never fall asleep with a heat pad on. Skip this step if your legs have reduced feeling. If your leg is swollen, hot or red, don't warm it: open the warning signs instead.",
                    timer_seconds=180,
                    standing=False,
                    illustration="illustrations/cramp-thigh-warmth.svg",
                    evidence=Evidence.GUIDELINE,
                    sources=(
                        "Mayo Clinic – Muscle cramp (mayoclinic.org/diseases-conditions/muscle-cramp)",
                        "Cleveland Clinic – Muscle cramps, care and treatment (my.clevelandclinic.org)",
                        "MedlinePlus – Muscle cramps (medlineplus.gov/ency/article/003193.htm)",
                    ),
                ),
                ProtocolStep(
                    title="Rest lying down",
                    lines=(
                        "Lie down with the leg straight.",
                        "Let the thigh go soft.",
                    ),
                    say="Lie down with the leg straight and supported, and let the thigh go soft. Rest here for two minutes. If you're pregnant, lie on your side or stay propped up on pillows.",
                    timer_seconds=120,
                    standing=False,
                    illustration="illustrations/cramp-rest.svg",
                    evidence=Evidence.GUIDELINE,
                    sources=(
                        "Cleveland Clinic – Muscle cramps, care and treatment (my.clevelandclinic.org)",
                        "UpToDate – Nocturnal leg cramps (patient information)",
                    ),
                ),
            ),
        ),
        LocationPlan(
            location=CrampLocation.BACK_THIGH,
            label="Back of thigh",
            hint="above the knee, at the back",
            steps=(
                ProtocolStep(
                    title="Stretch the back of the thigh",
                    lines=(
                        "Sit with the leg straight, toes up.",
                        "Sit tall, lean forward from the hips.",
                        "Or lie back and lift the leg with a towel.",
                    ),
                    say="Sit with the cramped leg straight out and your toes pointing up. Sit tall and lean forward from your hips, keeping your back straight, until the back of the thigh pulls. Or lie back, loop a towel round your foot and gently raise the straight leg; if you're pregnant, do that propped up on pillows. Hold for thirty seconds, and tap Repeat if it's still tight.",
                    timer_seconds=30,
                    standing=False,
                    illustration="illustrations/cramp-back-thigh-stretch.svg",
                    evidence=Evidence.COMMON_PRACTICE,
                    sources=(
                        "Mayo Clinic – Muscle cramp (mayoclinic.org/diseases-conditions/muscle-cramp)",
                        "Arthritis Foundation – Standing hamstring stretch (precautions)",
                        "Seated and lying versions adapted by cramp-coach for safety at night",
                    ),
                ),
                ProtocolStep(
                    title="Rub the back of the thigh",
                    lines=(
                        "Long, firm strokes",
                        "up and down the back of your thigh.",
                    ),
                    say="Bend your knee a little and rub the back of your thigh with long, firm strokes, up and down. Keep breathing slowly.",
                    timer_seconds=60,
                    standing=False,
                    illustration="illustrations/cramp-back-thigh-massage.svg",
                    evidence=Evidence.GUIDELINE,
                    sources=(
                        "NHS – Leg cramps (nhs.uk/conditions/leg-cramps)",
                        "NICE CKS – Leg cramps (cks.nice.org.uk/leg-cramps)",
                        "Mayo Clinic – Muscle cramp (mayoclinic.org/diseases-conditions/muscle-cramp)",
                    ),
                ),
                ProtocolStep(
                    title="Stand on the leg",
                    lines=(
                        "Hold a firm support.",
                        "Put your weight on the cramped leg.",
                        "Press down firmly through the foot.",
                    ),
                    say="Holding your support, stand up slowly. Put your weight on the cramped leg and press down firmly through the whole foot. Hold for thirty seconds. If you feel dizzy, sit straight back down.",
                    timer_seconds=30,
                    standing=True,
                    illustration="illustrations/cramp-back-thigh-stand.svg",
                    evidence=Evidence.GUIDELINE,
                    sources=(
                        "Mayo Clinic – Muscle cramp (mayoclinic.org/diseases-conditions/muscle-cramp)",
                        "Arthritis Foundation – Standing hamstring stretch (precautions)",
                    ),
                ),
                ProtocolStep(
                    title="Warmth, if you like",
                    lines=(
                        "A warm towel or a wrapped heat pack.",
                        "Always a cloth between heat and skin.",
                        "Leg swollen, hot or red? Skip this.",
                    ),
                    say="If the muscle still feels tight, warmth may help. Use a warm, not hot, towel, or a heat pack wrapped in a cloth. Never fall asleep with a heat pad on. Skip this step if your legs have reduced feeling. If your leg is swollen, hot or red, don't warm it: open the warning signs instead.",
                    timer_seconds=180,
                    standing=False,
                    illustration="illustrations/cramp-thigh-warmth.svg",
                    evidence=Evidence.GUIDELINE,
                    sources=(
                        "Mayo Clinic – Muscle cramp (mayoclinic.org/diseases-conditions/muscle-cramp)",
                        "Cleveland Clinic – Muscle cramps, care and treatment (my.clevelandclinic.org)",
                        "MedlinePlus – Muscle cramps (medlineplus.gov/ency/article/003193.htm)",
                    ),
                ),
                ProtocolStep(
                    title="Rest with the leg supported",
                    lines=(
                        "Lie back.",
                        "Rest the leg straight on a pillow.",
                    ),
                    say="Lie back and rest the leg, straight and supported on a pillow. Let the muscle go soft. Rest here for two minutes. If you're pregnant, lie on your side or stay propped up on pillows.",
                    timer_seconds=120,
                    standing=False,
                    illustration="illustrations/cramp-rest.svg",
                    evidence=Evidence.GUIDELINE,
                    sources=(
                        "Cleveland Clinic – Muscle cramps, care and treatment (my.clevelandclinic.org)",
                        "UpToDate – Nocturnal leg cramps (patient information)",
                    ),
                ),
            ),
        ),
    ),
    default_location=CrampLocation.CALF,
    closing=ProtocolStep(
        title="Afterwards",
        lines=(
            "Soreness for up to a day is normal.",
            "Painkillers won't stop a cramp, but may ease soreness later.",
            "Leg swollen, hot or red? Check the warning signs.",
        ),
        say="Well done. The muscle may feel sore for up to a day; that's normal. Painkillers work too slowly to help during a cramp, but they may ease the soreness afterwards: follow the instructions on the pack, or ask a pharmacist. Once it's just sore, something cool wrapped in a cloth may feel good. If your leg becomes swollen, hot or red, check the warning signs. Now settle down and rest.",
        timer_seconds=None,
        standing=False,
        illustration="illustrations/cramp-rest.svg",
        evidence=Evidence.GUIDELINE,
        sources=(
            "NHS – Leg cramps (nhs.uk/conditions/leg-cramps)",
            "MedlinePlus – Muscle cramps (medlineplus.gov/ency/article/003193.htm)",
            "NHS – Deep vein thrombosis (nhs.uk/conditions/deep-vein-thrombosis-dvt)",
        ),
    ),
    red_flags=(
        RedFlagTier(
            urgency=Urgency.EMERGENCY,
            title="Call your local emergency number now (for example 999, 911 or 112)",
            signs=(
                "Your leg is painful or swollen and you suddenly feel short of breath.",
                "Your leg is painful or swollen and you have chest pain.",
                "You cough up blood.",
                "You faint, or cramping spreads over your whole body.",
            ),
        ),
        RedFlagTier(
            urgency=Urgency.URGENT,
            title="Get medical advice today – your doctor, an urgent-care line such as NHS 111, or urgent care",
            signs=(
                "A cramp has lasted more than 10 minutes and isn't easing with stretching or moving.",
                "One leg is swollen, tender, warm, red or darker than usual, with throbbing or cramping pain. Take extra care if you are pregnant or have just had a baby, had an operation, been laid up or travelled a long way recently, or had a clot before. Don't rub or warm that leg.",
                "Cramps started after a cut or wound that had soil or dirt in it.",
                "Cramps started after contact with a poison such as lead or mercury.",
                "You also have new weakness, numbness or loss of feeling.",
                "You also have cramps in your chest, arms or tummy.",
                "Cramps came after heavy vomiting, diarrhoea or sweating, or after taking water tablets.",
                "You are pregnant and also have a bad headache, problems with your eyesight, or sudden swelling of your face, hands or feet.",
            ),
        ),
        RedFlagTier(
            urgency=Urgency.ROUTINE,
            title="Book an appointment with your doctor",
            signs=(
                "Cramps regularly disturb your sleep, happen often, or get in the way of daily life.",
                "Your legs are often numb or swollen, or your leg muscles seem to be shrinking or getting weaker.",
                "Cramps are very painful, don't get better with stretching, or have no obvious cause.",
                "Cramps began after you started a new medicine. Don't stop it on your own; ask your doctor or pharmacist.",
                "Your legs hurt when you walk and ease when you stop.",
                "You take quinine for cramps: ask your doctor to review it.",
            ),
        ),
    ),
    diary_flags=(
        DiaryFlag(
            message="Your diary shows cramps on 3 or more nights a week for the last 3 weeks. Cramps that come this often are worth talking over with your doctor: consider booking an appointment.",
            weeks=3,
            nights_with_cramps=3,
            cramps_per_night=1,
            routine_nights=0,
        ),
        DiaryFlag(
            message="Your diary shows nights with 2 or more cramps, at least twice a week for the last 2 weeks. Waking several times a night with cramps is a reason to book an appointment with your doctor.",
            weeks=2,
            nights_with_cramps=2,
            cramps_per_night=2,
            routine_nights=0,
        ),
        DiaryFlag(
            message="You did the bedtime routine on most nights for the last 4 weeks and still had cramps on 3 or more nights a week. Cramps that don't get better with stretching are worth showing your doctor.",
            weeks=4,
            nights_with_cramps=3,
            cramps_per_night=1,
            routine_nights=5,
        ),
    ),
)
