<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ActionCard</name>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/action_panel.py" line="32" />
        <source>CONTINUE blinatumomab</source>
        <extracomment>What the label's table says to do with blinatumomab (English source; see :func:`action_words`).</extracomment>
        <translation>CONTINUE blinatumomab</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/action_panel.py" line="33" />
        <source>INTERRUPT blinatumomab</source>
        <translation>INTERRUPT blinatumomab</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/action_panel.py" line="34" />
        <source>DISCONTINUE blinatumomab permanently</source>
        <translation>DISCONTINUE blinatumomab permanently</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/action_panel.py" line="35" />
        <source>CONSIDER DISCONTINUING blinatumomab</source>
        <translation>CONSIDER DISCONTINUING blinatumomab</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/action_panel.py" line="37" />
        <source>met</source>
        <extracomment>Whether a discontinuation condition holds, in words.</extracomment>
        <translation>met</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/action_panel.py" line="38" />
        <source>not met</source>
        <translation>not met</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/action_panel.py" line="39" />
        <source>not known yet</source>
        <translation>not known yet</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/action_panel.py" line="69" />
        <source>Restart dose: {dose} mcg/day ({calculation}) — a new signed and verified order</source>
        <extracomment>Called with ("hold" or "restart", the action) to change the cycle's order.</extracomment>
        <translation>Restart dose: {dose} mcg/day ({calculation}) — a new signed and verified order</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/action_panel.py" line="73" />
        <source>Dexamethasone: {dose} mg ({calculation})</source>
        <translation>Dexamethasone: {dose} mg ({calculation})</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/action_panel.py" line="77" />
        <source>Doses not computed: {why}</source>
        <translation>Doses not computed: {why}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/action_panel.py" line="95" />
        <source>   ⚠ UNVERIFIED rule (check against the source)</source>
        <translation>   ⚠ UNVERIFIED rule (check against the source)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/action_panel.py" line="96" />
        <source>{rule}  ·  {action}  ·  source {source}</source>
        <translation>{rule}  ·  {action}  ·  source {source}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/action_panel.py" line="105" />
        <source>Discontinue if {condition}: {state} — {detail}</source>
        <translation>Discontinue if {condition}: {state} — {detail}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/action_panel.py" line="109" />
        <source>Data: {detail}</source>
        <translation>Data: {detail}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/action_panel.py" line="114" />
        <source>Followed</source>
        <translation>Followed</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/action_panel.py" line="114" />
        <source>NOT followed: {reason}</source>
        <translation>NOT followed: {reason}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/action_panel.py" line="116" />
        <source>✔ {what} — recorded by {by} {at} UTC</source>
        <translation>✔ {what} — recorded by {by} {at} UTC</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/action_panel.py" line="119" />
        <source>No response recorded yet.</source>
        <translation>No response recorded yet.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/action_panel.py" line="121" />
        <source>Record: followed</source>
        <translation>Record: followed</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/action_panel.py" line="122" />
        <source>Record: not followed</source>
        <translation>Record: not followed</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/action_panel.py" line="123" />
        <source>Reason for {rule}</source>
        <translation>Reason for {rule}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/action_panel.py" line="124" />
        <source>reason (required when not followed)</source>
        <translation>reason (required when not followed)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/action_panel.py" line="128" />
        <source>Only a physician records what was done.</source>
        <translation>Only a physician records what was done.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/action_panel.py" line="149" />
        <source>Ho&amp;ld order…</source>
        <translation>Ho&amp;ld order…</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/action_panel.py" line="154" />
        <source>Restart &amp;order at {dose} mcg/day…</source>
        <translation>Restart &amp;order at {dose} mcg/day…</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/action_panel.py" line="162" />
        <source>Only a physician holds or restarts the order here.</source>
        <translation>Only a physician holds or restarts the order here.</translation>
    </message>
</context>
<context>
    <name>ActionPanel</name>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/action_panel.py" line="195" />
        <source>No assessment recorded for this cycle.</source>
        <translation>No assessment recorded for this cycle.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/action_panel.py" line="199" />
        <source>Assessment {at} (cycle {cycle}), recorded by {by} — {system}</source>
        <translation>Assessment {at} (cycle {cycle}), recorded by {by} — {system}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/action_panel.py" line="203" />
        <source>{summary}  (not recorded: {domains})</source>
        <translation>{summary}  (not recorded: {domains})</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/action_panel.py" line="206" />
        <source>Seizure count: {detail}</source>
        <translation>Seizure count: {detail}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/action_panel.py" line="209" />
        <source>No action in the label's table for these grades.</source>
        <translation>No action in the label's table for these grades.</translation>
    </message>
</context>
<context>
    <name>AddUserDialog</name>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="224" />
        <source>Add a user</source>
        <translation>Add a user</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="229" />
        <source>Choose a role…</source>
        <translation>Choose a role…</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="232" />
        <source>&amp;User name *</source>
        <translation>&amp;User name *</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="232" />
        <source>User name</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="233" />
        <source>&amp;Full name</source>
        <translation>&amp;Full name</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="233" />
        <source>Full name</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="234" />
        <source>&amp;Role *</source>
        <translation>&amp;Role *</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="234" />
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="236" />
        <source>&amp;Temporary password *</source>
        <translation>&amp;Temporary password *</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="236" />
        <source>Temporary password</source>
        <translation>Temporary password</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="238" />
        <source>Add user</source>
        <translation>Add user</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="239" />
        <source>Give the temporary password to the user in person. They change it after signing in, with “Change password…”.</source>
        <translation>Give the temporary password to the user in person. They change it after signing in, with “Change password…”.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="244" />
        <source>choose the role of the new user</source>
        <translation>choose the role of the new user</translation>
    </message>
</context>
<context>
    <name>AllergyDialog</name>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/allergy_dialog.py" line="29" />
        <source>Allergies of {study}</source>
        <translation>Allergies of {study}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/allergy_dialog.py" line="33" />
        <source>&amp;No known allergies</source>
        <translation>&amp;No known allergies</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/allergy_dialog.py" line="34" />
        <source>Allergies &amp;listed below</source>
        <translation>Allergies &amp;listed below</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/allergy_dialog.py" line="41" />
        <source>One allergy per line, with the reaction, e.g. penicillin (rash)</source>
        <translation>One allergy per line, with the reaction, e.g. penicillin (rash)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/allergy_dialog.py" line="43" />
        <source>Allergies</source>
        <translation>Allergies</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/allergy_dialog.py" line="46" />
        <source>Source / reason</source>
        <translation>Source / reason</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/allergy_dialog.py" line="46" />
        <source>Required to change a recorded status</source>
        <translation>Required to change a recorded status</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/allergy_dialog.py" line="47" />
        <source>&amp;Allergies</source>
        <translation>&amp;Allergies</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/allergy_dialog.py" line="48" />
        <source>&amp;Source / reason</source>
        <translation>&amp;Source / reason</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/allergy_dialog.py" line="50" />
        <source>Save allergies</source>
        <translation>Save allergies</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/allergy_dialog.py" line="66" />
        <source>Choose "No known allergies" or list the allergies.</source>
        <translation>Choose "No known allergies" or list the allergies.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/allergy_dialog.py" line="69" />
        <source>List the allergies, or choose "No known allergies".</source>
        <translation>List the allergies, or choose "No known allergies".</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../interfant_desktop/ui/app.py" line="147" />
        <source>This database was set up from another workstation meanwhile. Sign in with an account from its administrator.</source>
        <extracomment>With ``--exit-when-ready``: give up (exit 1) when the signed-in window is not ready by then, e.g. a database server that does not answer.</extracomment>
        <translation>This database was set up from another workstation meanwhile. Sign in with an account from its administrator.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/app.py" line="258" />
        <source>Not signed in</source>
        <extracomment>fully usable needs both: the list painted and the app's code loaded</extracomment>
        <translation>Not signed in</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/app.py" line="346" />
        <source>Database not available</source>
        <translation>Database not available</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/operations.py" line="212" />
        <source>Not done</source>
        <translation>Not done</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/shell.py" line="93" />
        <source>locking the screen</source>
        <translation>locking the screen</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/shell.py" line="96" />
        <source>Locked after {minutes} minutes without activity.</source>
        <translation>Locked after {minutes} minutes without activity.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/shell.py" line="105" />
        <source>switching user</source>
        <translation>switching user</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/shell.py" line="166" />
        <source>The app stopped unexpectedly last time</source>
        <translation>The app stopped unexpectedly last time</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/shell.py" line="167" />
        <source>The previous session ended with an error. Data saved before it is safe.</source>
        <translation>The previous session ended with an error. Data saved before it is safe.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/shell.py" line="169" />
        <source>The crash log is kept at {path} for support.</source>
        <translation>The crash log is kept at {path} for support.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/shell.py" line="171" />
        <source>Show the report for support…</source>
        <translation>Show the report for support…</translation>
    </message>
</context>
<context>
    <name>AssessmentDialog</name>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/assessment_dialog.py" line="104" />
        <source>Toxicity assessment — cycle {n}</source>
        <translation>Toxicity assessment — cycle {n}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/assessment_dialog.py" line="116" />
        <source>Assessed at (local time)</source>
        <translation>Assessed at (local time)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/assessment_dialog.py" line="119" />
        <source>CRS — cytokine release syndrome</source>
        <translation>CRS — cytokine release syndrome</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/assessment_dialog.py" line="128" />
        <source>Temperature</source>
        <translation>Temperature</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/assessment_dialog.py" line="130" />
        <source>Antipyretic or anti-cytokine therapy given</source>
        <translation>Antipyretic or anti-cytokine therapy given</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/assessment_dialog.py" line="132" />
        <source>Hypotension</source>
        <translation>Hypotension</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/assessment_dialog.py" line="135" />
        <source>Vasopressors (other than vasopressin)</source>
        <translation>Vasopressors (other than vasopressin)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/assessment_dialog.py" line="136" />
        <source>vasopressin given</source>
        <translation>vasopressin given</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/assessment_dialog.py" line="139" />
        <source>Oxygen support</source>
        <translation>Oxygen support</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/assessment_dialog.py" line="145" />
        <source>ICANS — neurotoxicity</source>
        <translation>ICANS — neurotoxicity</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/assessment_dialog.py" line="148" />
        <source>Under deep sedation</source>
        <translation>Under deep sedation</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/assessment_dialog.py" line="150" />
        <source>Level of consciousness</source>
        <translation>Level of consciousness</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/assessment_dialog.py" line="152" />
        <source>Seizure</source>
        <translation>Seizure</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/assessment_dialog.py" line="154" />
        <source>Motor findings</source>
        <translation>Motor findings</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/assessment_dialog.py" line="156" />
        <source>Imaging: raised ICP / cerebral oedema</source>
        <translation>Imaging: raised ICP / cerebral oedema</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/assessment_dialog.py" line="161" />
        <source>Seizures so far in the treatment</source>
        <translation>Seizures so far in the treatment</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/assessment_dialog.py" line="164" />
        <source>Other adverse reaction (optional)</source>
        <translation>Other adverse reaction (optional)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/assessment_dialog.py" line="167" />
        <source>e.g. elevated liver enzymes</source>
        <translation>e.g. elevated liver enzymes</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/assessment_dialog.py" line="168" />
        <source>Term</source>
        <translation>Term</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/assessment_dialog.py" line="171" />
        <source>CTCAE grade</source>
        <translation>CTCAE grade</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/assessment_dialog.py" line="174" />
        <source>&amp;Record assessment</source>
        <translation>&amp;Record assessment</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/assessment_dialog.py" line="178" />
        <source>CAPD — Cornell Assessment of Pediatric Delirium, anchor points for age band: {band}</source>
        <translation>CAPD — Cornell Assessment of Pediatric Delirium, anchor points for age band: {band}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/assessment_dialog.py" line="181" />
        <source>UNVERIFIED: </source>
        <translation>UNVERIFIED: </translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/assessment_dialog.py" line="182" />
        <source>[{rule}, source {source}]</source>
        <translation>[{rule}, source {source}]</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/assessment_dialog.py" line="190" />
        <source>⚠ The developmental anchor text for age band {band} is NOT TRANSCRIBED in this app: it is not in the protocol's rules (RULES.md) and is never invented here. Score each item with the published anchor points: {reference}.</source>
        <translation>⚠ The developmental anchor text for age band {band} is NOT TRANSCRIBED in this app: it is not in the protocol's rules (RULES.md) and is never invented here. Score each item with the published anchor points: {reference}.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/assessment_dialog.py" line="193" />
        <source>the CAPD worksheet</source>
        <translation>the CAPD worksheet</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/assessment_dialog.py" line="200" />
        <source>The CAPD could not be performed</source>
        <translation>The CAPD could not be performed</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/assessment_dialog.py" line="216" />
        <source>CAPD item {n}</source>
        <translation>CAPD item {n}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/assessment_dialog.py" line="253" />
        <source>CAPD: item {numbers} not answered — answer all eight, or tick "could not be performed"</source>
        <translation>CAPD: item {numbers} not answered — answer all eight, or tick "could not be performed"</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/assessment_dialog.py" line="255" />
        <source>CAPD: items {numbers} not answered — answer all eight, or tick "could not be performed"</source>
        <translation>CAPD: items {numbers} not answered — answer all eight, or tick "could not be performed"</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/assessment_dialog.py" line="260" />
        <source>CAPD: no item answered — answer all eight, or tick "could not be performed" (an empty CAPD is graded as not performed)</source>
        <translation>CAPD: no item answered — answer all eight, or tick "could not be performed" (an empty CAPD is graded as not performed)</translation>
    </message>
</context>
<context>
    <name>AttentionCell</name>
    <message>
        <location filename="../../interfant_desktop/ui/attention_cell.py" line="34" />
        <source>; </source>
        <translation>; </translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/attention_cell.py" line="53" />
        <source>+{n} more</source>
        <translation>+{n} more</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <location filename="../../interfant_desktop/ui/widgets/banner.py" line="25" />
        <source>Status symbol</source>
        <extracomment>A symbol per tone, so the meaning never rests on colour alone.</extracomment>
        <translation>Status symbol</translation>
    </message>
</context>
<context>
    <name>CalculationTrail</name>
    <message>
        <location filename="../../interfant_desktop/ui/orders/trail.py" line="52" />
        <source>Calculation trail</source>
        <extracomment>U+2060 WORD JOINER: no line break after a unit's slash ("mcg/" over "day")</extracomment>
        <translation>Calculation trail</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/trail.py" line="74" />
        <source>1  Weight and height</source>
        <translation>1  Weight and height</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/trail.py" line="75" />
        <source>Weight &lt;b&gt;{w} kg&lt;/b&gt; (measured {wd}) · height &lt;b&gt;{h} cm&lt;/b&gt; (measured {hd})</source>
        <translation>Weight &lt;b&gt;{w} kg&lt;/b&gt; (measured {wd}) · height &lt;b&gt;{h} cm&lt;/b&gt; (measured {hd})</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/trail.py" line="77" />
        <location filename="../../interfant_desktop/ui/orders/trail.py" line="78" />
        <source>date not recorded</source>
        <translation>date not recorded</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/trail.py" line="79" />
        <source>2  Body surface area</source>
        <translation>2  Body surface area</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/trail.py" line="80" />
        <source>{formula} = {raw} m² → rounded to {d} decimals: &lt;b&gt;BSA {bsa} m²&lt;/b&gt;</source>
        <translation>{formula} = {raw} m² → rounded to {d} decimals: &lt;b&gt;BSA {bsa} m²&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/trail.py" line="84" />
        <source>3  Dose per step</source>
        <translation>3  Dose per step</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/trail.py" line="86" />
        <source>Marrow before cycle 1 (end of induction): &lt;b&gt;{m}&lt;/b&gt; — it chose {plan}.</source>
        <translation>Marrow before cycle 1 (end of induction): &lt;b&gt;{m}&lt;/b&gt; — it chose {plan}.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/trail.py" line="88" />
        <source>not recorded</source>
        <translation>not recorded</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/trail.py" line="89" />
        <source>step dosing</source>
        <translation>step dosing</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/trail.py" line="89" />
        <source>one dose for 28 days</source>
        <translation>one dose for 28 days</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/trail.py" line="91" />
        <source>Days</source>
        <translation>Days</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/trail.py" line="91" />
        <source>Dates</source>
        <translation>Dates</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/trail.py" line="91" />
        <source>mcg/m²/day</source>
        <translation>mcg/m²/day</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/trail.py" line="91" />
        <source>× BSA = mcg/day</source>
        <translation>× BSA = mcg/day</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/trail.py" line="92" />
        <source>Cap</source>
        <translation>Cap</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/trail.py" line="92" />
        <source>Final mcg/day</source>
        <translation>Final mcg/day</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/trail.py" line="98" />
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/trail.py" line="100" />
        <source>{cap} mcg/day — applied</source>
        <translation>{cap} mcg/day — applied</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/trail.py" line="101" />
        <source>{cap} mcg/day — not reached</source>
        <translation>{cap} mcg/day — not reached</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/trail.py" line="110" />
        <source>{dose} mcg/day</source>
        <translation>{dose} mcg/day</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/trail.py" line="118" />
        <source>4  Bag</source>
        <translation>4  Bag</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/trail.py" line="121" />
        <source>Continuous IV, {h} hour bag: rate &lt;b&gt;{rate} mL/h&lt;/b&gt;, volume &lt;b&gt;{vol} mL&lt;/b&gt; per bag, daily fluid {daily} mL = &lt;b&gt;{perkg} mL/kg/day&lt;/b&gt; ({prep}).</source>
        <translation>Continuous IV, {h} hour bag: rate &lt;b&gt;{rate} mL/h&lt;/b&gt;, volume &lt;b&gt;{vol} mL&lt;/b&gt; per bag, daily fluid {daily} mL = &lt;b&gt;{perkg} mL/kg/day&lt;/b&gt; ({prep}).</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/trail.py" line="131" />
        <source>5  Premedication</source>
        <translation>5  Premedication</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/trail.py" line="132" />
        <source>{drug} {per} mg/m² × BSA = {raw} mg, maximum {max} mg → &lt;b&gt;{dose} mg&lt;/b&gt;{capped}</source>
        <translation>{drug} {per} mg/m² × BSA = {raw} mg, maximum {max} mg → &lt;b&gt;{dose} mg&lt;/b&gt;{capped}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/trail.py" line="137" />
        <source> (capped)</source>
        <translation> (capped)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/trail.py" line="144" />
        <source>6  Risk group, eligibility and decision</source>
        <translation>6  Risk group, eligibility and decision</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/trail.py" line="148" />
        <source> (at diagnosis {g})</source>
        <translation> (at diagnosis {g})</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/trail.py" line="149" />
        <source>Risk group &lt;b&gt;{g}&lt;/b&gt; ({status}) · eligibility &lt;b&gt;{elig}&lt;/b&gt;</source>
        <translation>Risk group &lt;b&gt;{g}&lt;/b&gt; ({status}) · eligibility &lt;b&gt;{elig}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/trail.py" line="157" />
        <source>Decision {id}: &lt;b&gt;{value}&lt;/b&gt;</source>
        <translation>Decision {id}: &lt;b&gt;{value}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/trail.py" line="159" />
        <source>give</source>
        <translation>give</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/trail.py" line="163" />
        <source>Warnings</source>
        <translation>Warnings</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/trail.py" line="165" />
        <source> — confirmed by the prescriber</source>
        <translation> — confirmed by the prescriber</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/trail.py" line="168" />
        <source>Protocol file {name} {version} (SHA-256 {sha}…), evaluated {day}.</source>
        <translation>Protocol file {name} {version} (SHA-256 {sha}…), evaluated {day}.</translation>
    </message>
</context>
<context>
    <name>CancelOrderDialog</name>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="188" />
        <source>Cancel order {code}</source>
        <translation>Cancel order {code}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="189" />
        <source>&amp;Reason for cancelling (recorded in the audit trail):</source>
        <translation>&amp;Reason for cancelling (recorded in the audit trail):</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="190" />
        <source>Cancel the order</source>
        <translation>Cancel the order</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="314" />
        <source>Change my password</source>
        <translation>Change my password</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="316" />
        <source>Signed in as &lt;b&gt;{user}&lt;/b&gt;.</source>
        <translation>Signed in as &lt;b&gt;{user}&lt;/b&gt;.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="322" />
        <source>&amp;Current password *</source>
        <translation>&amp;Current password *</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="323" />
        <source>Current password</source>
        <translation>Current password</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="324" />
        <source>&amp;New password *</source>
        <translation>&amp;New password *</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="324" />
        <source>New password</source>
        <translation>New password</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="325" />
        <source>Change password</source>
        <translation>Change password</translation>
    </message>
</context>
<context>
    <name>ChecklistPage</name>
    <message>
        <location filename="../../interfant_desktop/ui/pages/checklist_page.py" line="20" />
        <source>CD19-positive disease?</source>
        <translation>CD19-positive disease?</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/checklist_page.py" line="22" />
        <source>CNS1 at end of induction?</source>
        <translation>CNS1 at end of induction?</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/checklist_page.py" line="24" />
        <source>Known hypersensitivity to blinatumomab or excipients?</source>
        <translation>Known hypersensitivity to blinatumomab or excipients?</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/checklist_page.py" line="26" />
        <source>Live vaccine within the 28 days before?</source>
        <translation>Live vaccine within the 28 days before?</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/checklist_page.py" line="29" />
        <source>✔ passed</source>
        <translation>✔ passed</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/checklist_page.py" line="30" />
        <source>✖ FAILS</source>
        <translation>✖ FAILS</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/checklist_page.py" line="31" />
        <source>… not answered</source>
        <translation>… not answered</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/checklist_page.py" line="40" />
        <source>Before blinatumomab</source>
        <translation>Before blinatumomab</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/checklist_page.py" line="61" />
        <source>Source / reason</source>
        <translation>Source / reason</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/checklist_page.py" line="62" />
        <source>e.g. flow cytometry 2026-04-01, vaccination record</source>
        <translation>e.g. flow cytometry 2026-04-01, vaccination record</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/checklist_page.py" line="63" />
        <source>&amp;Save checklist</source>
        <translation>&amp;Save checklist</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/checklist_page.py" line="84" />
        <source>Blinatumomab cycle 1 may be given</source>
        <translation>Blinatumomab cycle 1 may be given</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/checklist_page.py" line="87" />
        <source>NO blinatumomab — fails {items}; continue on the backbone</source>
        <translation>NO blinatumomab — fails {items}; continue on the backbone</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/checklist_page.py" line="90" />
        <source>Checklist not complete</source>
        <translation>Checklist not complete</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/checklist_page.py" line="97" />
        <source>Say where the answers come from.</source>
        <translation>Say where the answers come from.</translation>
    </message>
</context>
<context>
    <name>CorrectionBanner</name>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="483" />
        <source>What the correction changed</source>
        <translation>What the correction changed</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="503" />
        <source>Waiting for a second person: {fact} ({who}: {reason})</source>
        <translation>Waiting for a second person: {fact} ({who}: {reason})</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="508" />
        <source>Confirm…</source>
        <translation>Confirm…</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="509" />
        <source>Confirm the correction of {fact}</source>
        <translation>Confirm the correction of {fact}</translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="68" />
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="69" />
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="75" />
        <source>Name</source>
        <extracomment>Case-file key -&gt; (the name on the forms, the kind of editor, the choices if any); names and choices are catalogue sources, translated where they are shown (codes such as B-ALL are not).</extracomment>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="76" />
        <source>Hospital number</source>
        <translation>Hospital number</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="77" />
        <source>Date of birth</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="78" />
        <source>Sex</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="79" />
        <source>female</source>
        <translation>female</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="80" />
        <source>male</source>
        <translation>male</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="81" />
        <source>other</source>
        <translation>other</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="82" />
        <source>unknown</source>
        <translation>unknown</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="83" />
        <source>Down syndrome</source>
        <translation>Down syndrome</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="85" />
        <source>Date of diagnosis</source>
        <translation>Date of diagnosis</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="86" />
        <source>Lineage</source>
        <translation>Lineage</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="88" />
        <source>KMT2A</source>
        <translation>KMT2A</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="89" />
        <source>rearranged</source>
        <translation>rearranged</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="90" />
        <source>wildtype</source>
        <translation>wildtype</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="91" />
        <source>pending</source>
        <translation>pending</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="92" />
        <source>KMT2A partner gene</source>
        <translation>KMT2A partner gene</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="93" />
        <source>Relapsed ALL</source>
        <translation>Relapsed ALL</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="94" />
        <source>WBC at diagnosis</source>
        <translation>WBC at diagnosis</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="95" />
        <source>Steroids before diagnosis</source>
        <translation>Steroids before diagnosis</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="97" />
        <source>Chemotherapy before diagnosis</source>
        <translation>Chemotherapy before diagnosis</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="99" />
        <source>Informed consent</source>
        <translation>Informed consent</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="101" />
        <source>Prednisone response: date</source>
        <translation>Prednisone response: date</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="102" />
        <source>Blasts on day 8 (/µL)</source>
        <translation>Blasts on day 8 (/µL)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="103" />
        <source>Prednisone response not evaluable</source>
        <translation>Prednisone response not evaluable</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="106" />
        <source>End of induction: date</source>
        <translation>End of induction: date</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="107" />
        <source>End of induction: marrow</source>
        <translation>End of induction: marrow</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="108" />
        <source>M1 (&lt; 5 % blasts)</source>
        <translation>M1 (&lt; 5 % blasts)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="109" />
        <source>M2 (5 % to &lt; 25 % blasts)</source>
        <translation>M2 (5 % to &lt; 25 % blasts)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="110" />
        <source>M3 (≥ 25 % blasts)</source>
        <translation>M3 (≥ 25 % blasts)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="111" />
        <source>End of induction: CNS status</source>
        <translation>End of induction: CNS status</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="114" />
        <source>B1 CD19 positive</source>
        <translation>B1 CD19 positive</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="115" />
        <source>B2 CNS1 at end of induction</source>
        <translation>B2 CNS1 at end of induction</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="117" />
        <source>B3 hypersensitivity to blinatumomab</source>
        <translation>B3 hypersensitivity to blinatumomab</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="119" />
        <source>B4 live vaccine in the last 28 days</source>
        <translation>B4 live vaccine in the last 28 days</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="122" />
        <source>start date</source>
        <translation>start date</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="123" />
        <source>weight (kg)</source>
        <translation>weight (kg)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="124" />
        <source>weight date</source>
        <translation>weight date</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="125" />
        <source>height (cm)</source>
        <translation>height (cm)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="126" />
        <source>height date</source>
        <translation>height date</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="128" />
        <source>Nothing is deleted. A corrected value replaces the recorded one and the old value stays in the history. A value marked entered in error leaves the evaluation and the lists and stays in the history, struck through. Either needs a reason; both are audited, the engine re-evaluates at once and open orders become stale.</source>
        <translation>Nothing is deleted. A corrected value replaces the recorded one and the old value stays in the history. A value marked entered in error leaves the evaluation and the lists and stays in the history, struck through. Either needs a reason; both are audited, the engine re-evaluates at once and open orders become stale.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="134" />
        <source>Identity and date of birth: a physician or administrator requests the correction and a second one confirms it with their password.</source>
        <translation>Identity and date of birth: a physician or administrator requests the correction and a second one confirms it with their password.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="158" />
        <source>The whole patient (registered by mistake)</source>
        <extracomment>the MRD result the fact is (its editor starts from it), None for any other fact</extracomment>
        <translation>The whole patient (registered by mistake)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="160" />
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="201" />
        <source>MRD result</source>
        <translation>MRD result</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="210" />
        <source>Blinatumomab cycle {n}: {fact}</source>
        <translation>Blinatumomab cycle {n}: {fact}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="217" />
        <source>Allergies</source>
        <translation>Allergies</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="218" />
        <source>No known allergies</source>
        <translation>No known allergies</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="322" />
        <source>Enter the date as YYYY-MM-DD.</source>
        <translation>Enter the date as YYYY-MM-DD.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="336" />
        <source>Correct: {fact}</source>
        <translation>Correct: {fact}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="342" />
        <source>&lt;b&gt;{fact}&lt;/b&gt;&lt;br&gt;Recorded: {value}</source>
        <extracomment>True when the record changed meanwhile (nothing saved; the workspace offers a reload)</extracomment>
        <translation>&lt;b&gt;{fact}&lt;/b&gt;&lt;br&gt;Recorded: {value}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="344" />
        <source>Recorded value</source>
        <translation>Recorded value</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="351" />
        <source>&amp;Correct the value</source>
        <translation>&amp;Correct the value</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="352" />
        <source>Mark as entered in &amp;error</source>
        <translation>Mark as entered in &amp;error</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="363" />
        <source>&amp;Reason (required, recorded in the audit trail):</source>
        <translation>&amp;Reason (required, recorded in the audit trail):</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="364" />
        <source>Reason for the correction</source>
        <translation>Reason for the correction</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="367" />
        <source>Record correction</source>
        <translation>Record correction</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="386" />
        <source>Give the reason for this correction (audit trail).</source>
        <translation>Give the reason for this correction (audit trail).</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="521" />
        <source>Correction recorded. The risk group and the decisions did not change.</source>
        <translation>Correction recorded. The risk group and the decisions did not change.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="524" />
        <source>Correction recorded. What changed and why:</source>
        <translation>Correction recorded. What changed and why:</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="526" />
        <source>unverified rule</source>
        <translation>unverified rule</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="534" />
        <source>Open order(s) {orders} are now stale: cancel and make a new order.</source>
        <translation>Open order(s) {orders} are now stale: cancel and make a new order.</translation>
    </message>
</context>
<context>
    <name>CrashHandler</name>
    <message>
        <location filename="../../interfant_desktop/ui/crash.py" line="80" />
        <source>Unexpected error</source>
        <extracomment>Extra context for the log (e.g. the signed-in user and the open patient). Context entries that identify a patient: used to scrub the report, never written.</extracomment>
        <translation>Unexpected error</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/crash.py" line="81" />
        <source>Something went wrong: {error}</source>
        <translation>Something went wrong: {error}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/crash.py" line="83" />
        <source>The action that failed did not save anything. Data saved before is safe. The error was logged.</source>
        <translation>The action that failed did not save anything. Data saved before is safe. The error was logged.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/crash.py" line="87" />
        <source>&amp;Continue</source>
        <translation>&amp;Continue</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/crash.py" line="89" />
        <source>Show the report for support…</source>
        <translation>Show the report for support…</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/crash.py" line="92" />
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/crash.py" line="112" />
        <source>Show the crash report?</source>
        <translation>Show the crash report?</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/crash.py" line="113" />
        <source>The report says what the app was doing when the error happened. Study IDs, names, numbers and quoted values are taken out of it, but read it before you send it. Show it now?</source>
        <translation>The report says what the app was doing when the error happened. Study IDs, names, numbers and quoted values are taken out of it, but read it before you send it. Show it now?</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/crash.py" line="120" />
        <source>Crash report</source>
        <translation>Crash report</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/crash.py" line="121" />
        <source>Copy the details below into your message to support.</source>
        <translation>Copy the details below into your message to support.</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <location filename="../../interfant_desktop/ui/pages/widgets_common.py" line="74" />
        <source>YYYY-MM-DD or {local}</source>
        <translation>YYYY-MM-DD or {local}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/widgets_common.py" line="79" />
        <source>Pick the date from a calendar (Alt+Down)</source>
        <translation>Pick the date from a calendar (Alt+Down)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/widgets_common.py" line="112" />
        <source>Pick a date: {field}</source>
        <translation>Pick a date: {field}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/widgets_common.py" line="115" />
        <source>Calendar for {field}</source>
        <translation>Calendar for {field}</translation>
    </message>
</context>
<context>
    <name>DiagnosisPage</name>
    <message>
        <location filename="../../interfant_desktop/ui/pages/diagnosis_page.py" line="35" />
        <source>Diagnosis and prednisone response</source>
        <translation>Diagnosis and prednisone response</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/diagnosis_page.py" line="36" />
        <source>White blood cell count at diagnosis</source>
        <translation>White blood cell count at diagnosis</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/diagnosis_page.py" line="42" />
        <source>e.g. 412</source>
        <translation>e.g. 412</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/diagnosis_page.py" line="46" />
        <source>Unit 10 to the 9 per litre</source>
        <translation>Unit 10 to the 9 per litre</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/diagnosis_page.py" line="48" />
        <source>Unit per microlitre</source>
        <translation>Unit per microlitre</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/diagnosis_page.py" line="53" />
        <source>&amp;WBC</source>
        <translation>&amp;WBC</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/diagnosis_page.py" line="54" />
        <source>Choose the unit of the laboratory report. 300 {e9} = 300 000 {per_ul}.</source>
        <translation>Choose the unit of the laboratory report. 300 {e9} = 300 000 {per_ul}.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/diagnosis_page.py" line="56" />
        <source>WBC value</source>
        <translation>WBC value</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/diagnosis_page.py" line="58" />
        <location filename="../../interfant_desktop/ui/pages/diagnosis_page.py" line="73" />
        <source>Source / reason</source>
        <translation>Source / reason</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/diagnosis_page.py" line="58" />
        <source>e.g. lab report 2026-03-01</source>
        <translation>e.g. lab report 2026-03-01</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/diagnosis_page.py" line="59" />
        <source>Sa&amp;ve WBC</source>
        <translation>Sa&amp;ve WBC</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/diagnosis_page.py" line="61" />
        <source>Prednisone response (day 8, after the 7-day prephase)</source>
        <translation>Prednisone response (day 8, after the 7-day prephase)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/diagnosis_page.py" line="65" />
        <source>Sample &amp;date</source>
        <translation>Sample &amp;date</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/diagnosis_page.py" line="66" />
        <source>&amp;Blasts /µL on day 8</source>
        <translation>&amp;Blasts /µL on day 8</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/diagnosis_page.py" line="68" />
        <source>blasts per µL of peripheral blood</source>
        <translation>blasts per µL of peripheral blood</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/diagnosis_page.py" line="69" />
        <source>&amp;Not evaluable (counts like good, R-PRED-NE)</source>
        <translation>&amp;Not evaluable (counts like good, R-PRED-NE)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/diagnosis_page.py" line="70" />
        <source>No count</source>
        <translation>No count</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/diagnosis_page.py" line="73" />
        <source>e.g. blood count of day 8</source>
        <translation>e.g. blood count of day 8</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/diagnosis_page.py" line="74" />
        <source>Save &amp;prednisone response</source>
        <translation>Save &amp;prednisone response</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/diagnosis_page.py" line="77" />
        <source>Correct a recorded value…</source>
        <translation>Correct a recorded value…</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/diagnosis_page.py" line="78" />
        <source>Correct a recorded diagnosis or prednisone value, or mark it entered in error</source>
        <translation>Correct a recorded diagnosis or prednisone value, or mark it entered in error</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/diagnosis_page.py" line="95" />
        <source>WBC must be a number, e.g. 412 or 412000; got “{text}”.</source>
        <translation>WBC must be a number, e.g. 412 or 412000; got “{text}”.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/diagnosis_page.py" line="98" />
        <source>Choose the unit of the WBC: {e9} or {per_ul}. It is never assumed.</source>
        <translation>Choose the unit of the WBC: {e9} or {per_ul}. It is never assumed.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/diagnosis_page.py" line="111" />
        <source>Blasts must be a number of cells per µL, e.g. 850; got “{text}”.</source>
        <translation>Blasts must be a number of cells per µL, e.g. 850; got “{text}”.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/diagnosis_page.py" line="142" />
        <source>No valid count typed yet</source>
        <translation>No valid count typed yet</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/diagnosis_page.py" line="147" />
        <source>Enter the count as a number ≥ 0 of blasts per µL.</source>
        <translation>Enter the count as a number ≥ 0 of blasts per µL.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/diagnosis_page.py" line="153" />
        <source> (as typed, not saved yet)</source>
        <translation> (as typed, not saved yet)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/diagnosis_page.py" line="158" />
        <source>GOOD prednisone response (PGR)</source>
        <translation>GOOD prednisone response (PGR)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/diagnosis_page.py" line="161" />
        <source>POOR prednisone response (PPR)</source>
        <translation>POOR prednisone response (PPR)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/diagnosis_page.py" line="164" />
        <source>Not evaluable</source>
        <translation>Not evaluable</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/diagnosis_page.py" line="166" />
        <source>No prednisone response recorded</source>
        <translation>No prednisone response recorded</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/diagnosis_page.py" line="182" />
        <location filename="../../interfant_desktop/ui/pages/diagnosis_page.py" line="191" />
        <source>Say where the count comes from.</source>
        <translation>Say where the count comes from.</translation>
    </message>
</context>
<context>
    <name>EligibilityPage</name>
    <message>
        <location filename="../../interfant_desktop/ui/pages/eligibility_page.py" line="36" />
        <source>Written informed consent of parent(s) / guardian given?</source>
        <extracomment>Criteria confirmed by hand: (criterion, case section, key, question).</extracomment>
        <translation>Written informed consent of parent(s) / guardian given?</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/eligibility_page.py" line="38" />
        <source>Down syndrome?</source>
        <translation>Down syndrome?</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/eligibility_page.py" line="40" />
        <source>Relapsed ALL?</source>
        <translation>Relapsed ALL?</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/eligibility_page.py" line="42" />
        <source>Systemic corticosteroids &gt; 10 mg/m²/day for &gt; 1 week in the 4 weeks before diagnosis?</source>
        <translation>Systemic corticosteroids &gt; 10 mg/m²/day for &gt; 1 week in the 4 weeks before diagnosis?</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/eligibility_page.py" line="45" />
        <source>Any chemotherapy in the 4 weeks before diagnosis?</source>
        <translation>Any chemotherapy in the 4 weeks before diagnosis?</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/eligibility_page.py" line="50" />
        <source>✔ met</source>
        <translation>✔ met</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/eligibility_page.py" line="51" />
        <source>✖ not met</source>
        <translation>✖ not met</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/eligibility_page.py" line="52" />
        <source>✔ not present</source>
        <translation>✔ not present</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/eligibility_page.py" line="53" />
        <source>✖ present: excludes</source>
        <translation>✖ present: excludes</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/eligibility_page.py" line="54" />
        <location filename="../../interfant_desktop/ui/pages/eligibility_page.py" line="55" />
        <source>… not known yet</source>
        <translation>… not known yet</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/eligibility_page.py" line="64" />
        <source>Eligibility</source>
        <translation>Eligibility</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/eligibility_page.py" line="72" />
        <source>Diagnostic facts (derive INC1, INC2, EXC1–EXC4)</source>
        <translation>Diagnostic facts (derive INC1, INC2, EXC1–EXC4)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/eligibility_page.py" line="75" />
        <source>Diagnosis &amp;date</source>
        <translation>Diagnosis &amp;date</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/eligibility_page.py" line="76" />
        <source>Age at diagnosis is computed from this and the date of birth.</source>
        <translation>Age at diagnosis is computed from this and the date of birth.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/eligibility_page.py" line="77" />
        <location filename="../../interfant_desktop/ui/pages/eligibility_page.py" line="82" />
        <source>Not recorded</source>
        <translation>Not recorded</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/eligibility_page.py" line="78" />
        <source>B-cell MPAL (single lineage)</source>
        <translation>B-cell MPAL (single lineage)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/eligibility_page.py" line="79" />
        <source>MPAL, multilineage</source>
        <translation>MPAL, multilineage</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/eligibility_page.py" line="80" />
        <source>Other</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/eligibility_page.py" line="81" />
        <source>&amp;Lineage</source>
        <translation>&amp;Lineage</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/eligibility_page.py" line="82" />
        <source>rearranged</source>
        <translation>rearranged</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/eligibility_page.py" line="83" />
        <source>wild type</source>
        <translation>wild type</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/eligibility_page.py" line="83" />
        <source>pending</source>
        <translation>pending</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/eligibility_page.py" line="84" />
        <source>&amp;KMT2A</source>
        <translation>&amp;KMT2A</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/eligibility_page.py" line="85" />
        <source>KMT2A &amp;partner</source>
        <translation>KMT2A &amp;partner</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/eligibility_page.py" line="87" />
        <source>Source / reason</source>
        <translation>Source / reason</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/eligibility_page.py" line="88" />
        <source>e.g. cytogenetics report of 2026-03-02</source>
        <translation>e.g. cytogenetics report of 2026-03-02</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/eligibility_page.py" line="89" />
        <source>&amp;Save diagnostic facts</source>
        <translation>&amp;Save diagnostic facts</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/eligibility_page.py" line="91" />
        <source>Confirmed by hand (with evidence)</source>
        <translation>Confirmed by hand (with evidence)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/eligibility_page.py" line="102" />
        <source>Evidence (document, date, who confirmed)</source>
        <translation>Evidence (document, date, who confirmed)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/eligibility_page.py" line="103" />
        <source>Evidence for {criterion} {key}</source>
        <translation>Evidence for {criterion} {key}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/eligibility_page.py" line="105" />
        <source>Confirm</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/eligibility_page.py" line="107" />
        <source>Confirm {criterion} {key}</source>
        <translation>Confirm {criterion} {key}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/eligibility_page.py" line="138" />
        <source>ELIGIBLE — every inclusion criterion met, no exclusion criterion present</source>
        <translation>ELIGIBLE — every inclusion criterion met, no exclusion criterion present</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/eligibility_page.py" line="141" />
        <source>NOT ELIGIBLE — fails {ids}</source>
        <translation>NOT ELIGIBLE — fails {ids}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/eligibility_page.py" line="146" />
        <source>INCOMPLETE — still missing {ids}</source>
        <translation>INCOMPLETE — still missing {ids}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/eligibility_page.py" line="167" />
        <source>Last confirmation of {criterion} ({fact}): {note}</source>
        <translation>Last confirmation of {criterion} ({fact}): {note}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/eligibility_page.py" line="170" />
        <source>Last confirmation of {criterion}: {note}</source>
        <translation>Last confirmation of {criterion}: {note}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/eligibility_page.py" line="173" />
        <source>Not confirmed for this fact yet. An earlier confirmation of {criterion} as a whole: {note}</source>
        <translation>Not confirmed for this fact yet. An earlier confirmation of {criterion} as a whole: {note}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/eligibility_page.py" line="175" />
        <source>Not confirmed by hand yet.</source>
        <translation>Not confirmed by hand yet.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/eligibility_page.py" line="179" />
        <source>Criterion</source>
        <translation>Criterion</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/eligibility_page.py" line="179" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/eligibility_page.py" line="180" />
        <source>Wording (source)</source>
        <translation>Wording (source)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/eligibility_page.py" line="180" />
        <source>Answer from data</source>
        <translation>Answer from data</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/eligibility_page.py" line="208" />
        <source>Say where these facts come from (report, date), for the audit trail.</source>
        <translation>Say where these facts come from (report, date), for the audit trail.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/eligibility_page.py" line="215" />
        <source>Choose Yes or No to confirm {criterion}.</source>
        <translation>Choose Yes or No to confirm {criterion}.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/eligibility_page.py" line="220" />
        <source>An evidence note is required: which document shows this, and its date.</source>
        <translation>An evidence note is required: which document shows this, and its date.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/eligibility_page.py" line="222" />
        <source>{criterion} confirmed: {key} = {value}. Evidence: {note}</source>
        <translation>{criterion} confirmed: {key} = {value}. Evidence: {note}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/eligibility_page.py" line="223" />
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/eligibility_page.py" line="223" />
        <source>no</source>
        <translation>no</translation>
    </message>
</context>
<context>
    <name>EnteredInErrorDialog</name>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/in_error_dialog.py" line="31" />
        <source>Mark an entry entered in error</source>
        <translation>Mark an entry entered in error</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/in_error_dialog.py" line="33" />
        <source>The entry is kept, with your reason, in the history; the cycle's record and the engine no longer count it. Of the bag record only the latest entry can be marked (undo the later entry first).</source>
        <translation>The entry is kept, with your reason, in the history; the cycle's record and the engine no longer count it. Of the bag record only the latest entry can be marked (undo the later entry first).</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/in_error_dialog.py" line="39" />
        <source>Entries of the infusion record</source>
        <translation>Entries of the infusion record</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/in_error_dialog.py" line="44" />
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/in_error_dialog.py" line="44" />
        <source>Why is the entry wrong? (required)</source>
        <translation>Why is the entry wrong? (required)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/in_error_dialog.py" line="46" />
        <source>Mark entered in &amp;error</source>
        <translation>Mark entered in &amp;error</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/in_error_dialog.py" line="52" />
        <source>Entry: choose the entry that is wrong</source>
        <translation>Entry: choose the entry that is wrong</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/in_error_dialog.py" line="55" />
        <source>Reason: required</source>
        <translation>Reason: required</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/export_dialog.py" line="58" />
        <source>Export trial data</source>
        <translation>Export trial data</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/export_dialog.py" line="62" />
        <source>CDISC ODM 1.3.2 (trial database)</source>
        <translation>CDISC ODM 1.3.2 (trial database)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/export_dialog.py" line="63" />
        <source>FHIR R4 Bundle (hospital record)</source>
        <translation>FHIR R4 Bundle (hospital record)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/export_dialog.py" line="64" />
        <source>CSV tables with data dictionary (folder)</source>
        <translation>CSV tables with data dictionary (folder)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/export_dialog.py" line="66" />
        <source>Export format</source>
        <translation>Export format</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/export_dialog.py" line="67" />
        <source>&amp;Format</source>
        <translation>&amp;Format</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/export_dialog.py" line="68" />
        <source>Study IDs to export, separated by spaces</source>
        <translation>Study IDs to export, separated by spaces</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/export_dialog.py" line="69" />
        <source>empty: the whole site</source>
        <translation>empty: the whole site</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/export_dialog.py" line="70" />
        <source>&amp;Study IDs</source>
        <translation>&amp;Study IDs</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/export_dialog.py" line="71" />
        <source>&amp;Identified: keep names, hospital numbers and real dates (recorded in the audit trail)</source>
        <translation>&amp;Identified: keep names, hospital numbers and real dates (recorded in the audit trail)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/export_dialog.py" line="76" />
        <source>Export to file or folder</source>
        <translation>Export to file or folder</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/export_dialog.py" line="77" />
        <source>&amp;Choose…</source>
        <translation>&amp;Choose…</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/export_dialog.py" line="81" />
        <source>&amp;To</source>
        <translation>&amp;To</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/export_dialog.py" line="84" />
        <source>Export progress</source>
        <translation>Export progress</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/export_dialog.py" line="93" />
        <source>&amp;Export</source>
        <translation>&amp;Export</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/export_dialog.py" line="101" />
        <source>Folder for the CSV tables</source>
        <translation>Folder for the CSV tables</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/export_dialog.py" line="103" />
        <source>Export to</source>
        <translation>Export to</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/export_dialog.py" line="118" />
        <source>To: choose a file (ODM, FHIR) or a folder (CSV)</source>
        <translation>To: choose a file (ODM, FHIR) or a folder (CSV)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/export_dialog.py" line="123" />
        <source>Not signed in</source>
        <translation>Not signed in</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/export_dialog.py" line="135" />
        <source>identified</source>
        <translation>identified</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/export_dialog.py" line="136" />
        <source>pseudonymised</source>
        <translation>pseudonymised</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/export_dialog.py" line="137" />
        <source>{n} patient(s) exported ({kind}) to {path}; audit event {seq}</source>
        <translation>{n} patient(s) exported ({kind}) to {path}; audit event {seq}</translation>
    </message>
</context>
<context>
    <name>FactPickerDialog</name>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="408" />
        <source>Correct a recorded value</source>
        <translation>Correct a recorded value</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="411" />
        <source>Which recorded value is wrong?</source>
        <translation>Which recorded value is wrong?</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="413" />
        <source>Recorded values</source>
        <translation>Recorded values</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="419" />
        <source>Correct…</source>
        <translation>Correct…</translation>
    </message>
</context>
<context>
    <name>FirstPasswordDialog</name>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="290" />
        <source>Choose your own password</source>
        <translation>Choose your own password</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="291" />
        <source>&lt;b&gt;{user}&lt;/b&gt;: your password was set by an administrator and is temporary. Choose your own to sign in; it also protects your signing key.</source>
        <translation>&lt;b&gt;{user}&lt;/b&gt;: your password was set by an administrator and is temporary. Choose your own to sign in; it also protects your signing key.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="297" />
        <source>&amp;New password *</source>
        <translation>&amp;New password *</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="297" />
        <source>New password</source>
        <translation>New password</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="298" />
        <source>Set password and sign in</source>
        <translation>Set password and sign in</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/first_run_dialog.py" line="26" />
        <source>Interfant Desktop — set up this workstation</source>
        <translation>Interfant Desktop — set up this workstation</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/first_run_dialog.py" line="29" />
        <source>Set up this workstation</source>
        <extracomment>True when the services refused because the database has users by now.</extracomment>
        <translation>Set up this workstation</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/first_run_dialog.py" line="33" />
        <source>This database has no user accounts yet. Create the first &lt;b&gt;administrator&lt;/b&gt; account for it now. The administrator then adds the accounts of physicians, pharmacists, nurses and data managers with “Users…” in the main window.</source>
        <translation>This database has no user accounts yet. Create the first &lt;b&gt;administrator&lt;/b&gt; account for it now. The administrator then adds the accounts of physicians, pharmacists, nurses and data managers with “Users…” in the main window.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/first_run_dialog.py" line="39" />
        <source>Database: {where}</source>
        <translation>Database: {where}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/first_run_dialog.py" line="41" />
        <source>Database location</source>
        <translation>Database location</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/first_run_dialog.py" line="45" />
        <source>&amp;User name *</source>
        <translation>&amp;User name *</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/first_run_dialog.py" line="45" />
        <source>User name</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/first_run_dialog.py" line="46" />
        <source>&amp;Full name</source>
        <translation>&amp;Full name</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/first_run_dialog.py" line="46" />
        <source>Full name</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/first_run_dialog.py" line="47" />
        <source>&amp;Password *</source>
        <translation>&amp;Password *</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/first_run_dialog.py" line="47" />
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/first_run_dialog.py" line="48" />
        <source>Create administrator and sign in</source>
        <translation>Create administrator and sign in</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/first_run_dialog.py" line="48" />
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/first_run_dialog.py" line="49" />
        <source>Keep this password safe: only an administrator can add users or reset passwords. * required</source>
        <translation>Keep this password safe: only an administrator can add users or reset passwords. * required</translation>
    </message>
</context>
<context>
    <name>Formatting</name>
    <message>
        <location filename="../../interfant_desktop/ui/formatting.py" line="55" />
        <source>undetectable</source>
        <translation>undetectable</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/formatting.py" line="60" />
        <source>positive, not quantifiable (QR {qr})</source>
        <translation>positive, not quantifiable (QR {qr})</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/formatting.py" line="81" />
        <source>{days} days ({months:.1f} mo)</source>
        <translation>{days} days ({months:.1f} mo)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/formatting.py" line="86" />
        <location filename="../../interfant_desktop/ui/formatting.py" line="148" />
        <source>Prednisone prephase</source>
        <translation>Prednisone prephase</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/formatting.py" line="87" />
        <location filename="../../interfant_desktop/ui/formatting.py" line="149" />
        <source>Induction</source>
        <translation>Induction</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/formatting.py" line="88" />
        <location filename="../../interfant_desktop/ui/formatting.py" line="150" />
        <source>Blinatumomab cycle 1</source>
        <translation>Blinatumomab cycle 1</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/formatting.py" line="89" />
        <location filename="../../interfant_desktop/ui/formatting.py" line="151" />
        <source>Consolidation</source>
        <translation>Consolidation</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/formatting.py" line="90" />
        <location filename="../../interfant_desktop/ui/formatting.py" line="152" />
        <source>MARMA</source>
        <translation>MARMA</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/formatting.py" line="91" />
        <location filename="../../interfant_desktop/ui/formatting.py" line="153" />
        <source>Blinatumomab cycle 2</source>
        <translation>Blinatumomab cycle 2</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/formatting.py" line="92" />
        <location filename="../../interfant_desktop/ui/formatting.py" line="154" />
        <source>OCTADAD</source>
        <translation>OCTADAD</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/formatting.py" line="93" />
        <location filename="../../interfant_desktop/ui/formatting.py" line="155" />
        <source>Maintenance</source>
        <translation>Maintenance</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/formatting.py" line="94" />
        <location filename="../../interfant_desktop/ui/formatting.py" line="156" />
        <source>Investigational window</source>
        <translation>Investigational window</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/formatting.py" line="95" />
        <location filename="../../interfant_desktop/ui/formatting.py" line="157" />
        <source>Allogeneic HSCT</source>
        <translation>Allogeneic HSCT</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/formatting.py" line="99" />
        <location filename="../../interfant_desktop/ui/formatting.py" line="158" />
        <source>End of induction</source>
        <translation>End of induction</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/formatting.py" line="100" />
        <location filename="../../interfant_desktop/ui/formatting.py" line="159" />
        <source>After blinatumomab 1</source>
        <translation>After blinatumomab 1</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/formatting.py" line="101" />
        <location filename="../../interfant_desktop/ui/formatting.py" line="160" />
        <source>End of consolidation</source>
        <translation>End of consolidation</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/formatting.py" line="102" />
        <location filename="../../interfant_desktop/ui/formatting.py" line="161" />
        <source>After blinatumomab 2</source>
        <translation>After blinatumomab 2</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/formatting.py" line="103" />
        <location filename="../../interfant_desktop/ui/formatting.py" line="162" />
        <source>Before HSCT</source>
        <translation>Before HSCT</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/formatting.py" line="104" />
        <location filename="../../interfant_desktop/ui/formatting.py" line="163" />
        <source>Other</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/formatting.py" line="128" />
        <location filename="../../interfant_desktop/ui/formatting.py" line="134" />
        <source>pending</source>
        <translation>pending</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/formatting.py" line="133" />
        <source>review</source>
        <translation>review</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/formatting.py" line="142" />
        <location filename="../../interfant_desktop/ui/patient_list_model.py" line="93" />
        <source> if eligible</source>
        <translation> if eligible</translation>
    </message>
</context>
<context>
    <name>HangBagDialog</name>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/bag_dialogs.py" line="38" />
        <source>Hang bag {n}</source>
        <translation>Hang bag {n}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/bag_dialogs.py" line="38" />
        <source>&amp;Record bag hung</source>
        <translation>&amp;Record bag hung</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/bag_dialogs.py" line="42" />
        <source>Bag {n} of order {o}: due {due}, {h} (see the order sheet for its make-up)</source>
        <translation>Bag {n} of order {o}: due {due}, {h} (see the order sheet for its make-up)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/bag_dialogs.py" line="47" />
        <source>Hung at (local time)</source>
        <translation>Hung at (local time)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/bag_dialogs.py" line="49" />
        <source>Pump rate as set (checked)</source>
        <translation>Pump rate as set (checked)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/bag_dialogs.py" line="51" />
        <source>Volume to be infused as set (checked)</source>
        <translation>Volume to be infused as set (checked)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/bag_dialogs.py" line="53" />
        <source>user name of the second nurse</source>
        <translation>user name of the second nurse</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/bag_dialogs.py" line="54" />
        <source>Checked by (second nurse)</source>
        <translation>Checked by (second nurse)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/bag_dialogs.py" line="55" />
        <source>Pump locked</source>
        <translation>Pump locked</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/bag_dialogs.py" line="56" />
        <source>In-line filter in place</source>
        <translation>In-line filter in place</translation>
    </message>
</context>
<context>
    <name>HistoryPage</name>
    <message>
        <location filename="../../interfant_desktop/ui/pages/history_page.py" line="22" />
        <source>History</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/history_page.py" line="23" />
        <source>When (UTC)</source>
        <translation>When (UTC)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/history_page.py" line="23" />
        <source>Who</source>
        <translation>Who</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/history_page.py" line="23" />
        <source>What</source>
        <translation>What</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/history_page.py" line="24" />
        <source>Change</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/history_page.py" line="24" />
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/history_page.py" line="25" />
        <source>Audit trail of this patient</source>
        <translation>Audit trail of this patient</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/history_page.py" line="56" />
        <source>Entered in error: no longer part of the record</source>
        <translation>Entered in error: no longer part of the record</translation>
    </message>
</context>
<context>
    <name>HistoryRows</name>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="59" />
        <source>Patient imported</source>
        <extracomment>Events written within this time of the first one, by the same person, are one action. something was marked entered in error (shown struck through, never removed) some values are withheld from this user (blinded verification)</extracomment>
        <translation>Patient imported</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="60" />
        <location filename="../../interfant_desktop/ui/history_rows.py" line="77" />
        <source>Recorded</source>
        <translation>Recorded</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="61" />
        <location filename="../../interfant_desktop/ui/history_rows.py" line="168" />
        <source>Data recorded</source>
        <translation>Data recorded</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="62" />
        <source>Eligibility confirmed by hand</source>
        <translation>Eligibility confirmed by hand</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="63" />
        <source>Review decision</source>
        <translation>Review decision</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="64" />
        <source>Decision recorded</source>
        <translation>Decision recorded</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="65" />
        <source>Correction</source>
        <translation>Correction</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="66" />
        <source>Entered in error</source>
        <translation>Entered in error</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="67" />
        <source>Correction requested</source>
        <translation>Correction requested</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="68" />
        <source>Correction confirmed</source>
        <translation>Correction confirmed</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="69" />
        <source>Correction withdrawn</source>
        <translation>Correction withdrawn</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="70" />
        <source>Order marked stale</source>
        <translation>Order marked stale</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="71" />
        <source>Order signed (prescribed)</source>
        <translation>Order signed (prescribed)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="72" />
        <source>Order verified (pharmacist)</source>
        <translation>Order verified (pharmacist)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="73" />
        <source>Verification mismatch</source>
        <translation>Verification mismatch</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="74" />
        <source>Order printed</source>
        <translation>Order printed</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="75" />
        <source>Order cancelled</source>
        <translation>Order cancelled</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="76" />
        <source>Order saved as a file copy</source>
        <translation>Order saved as a file copy</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="78" />
        <source>Infusion restarted</source>
        <translation>Infusion restarted</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="79" />
        <source>Exported</source>
        <translation>Exported</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="84" />
        <source>Name</source>
        <extracomment>Case-file paths (list indexes removed) -&gt; the name a clinician knows.</extracomment>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="85" />
        <source>Hospital number</source>
        <translation>Hospital number</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="86" />
        <source>Date of birth</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="87" />
        <source>Sex</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="88" />
        <source>Down syndrome</source>
        <translation>Down syndrome</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="89" />
        <source>Allergies</source>
        <translation>Allergies</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="90" />
        <source>Allergy status</source>
        <translation>Allergy status</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="91" />
        <source>Date of diagnosis</source>
        <translation>Date of diagnosis</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="92" />
        <source>Lineage</source>
        <translation>Lineage</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="93" />
        <source>KMT2A</source>
        <translation>KMT2A</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="94" />
        <source>KMT2A partner gene</source>
        <translation>KMT2A partner gene</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="95" />
        <source>Relapsed ALL</source>
        <translation>Relapsed ALL</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="96" />
        <source>WBC at diagnosis</source>
        <translation>WBC at diagnosis</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="97" />
        <source>Systemic steroids before diagnosis</source>
        <translation>Systemic steroids before diagnosis</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="98" />
        <source>Chemotherapy before diagnosis</source>
        <translation>Chemotherapy before diagnosis</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="99" />
        <source>Informed consent</source>
        <translation>Informed consent</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="100" />
        <source>Prednisone response: date</source>
        <translation>Prednisone response: date</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="101" />
        <source>Blasts in blood on day 8</source>
        <translation>Blasts in blood on day 8</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="102" />
        <source>Prednisone response not evaluable</source>
        <translation>Prednisone response not evaluable</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="103" />
        <source>End of induction: date</source>
        <translation>End of induction: date</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="104" />
        <source>End of induction: marrow</source>
        <translation>End of induction: marrow</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="105" />
        <source>End of induction: CNS status</source>
        <translation>End of induction: CNS status</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="106" />
        <source>B1 CD19-positive disease</source>
        <translation>B1 CD19-positive disease</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="107" />
        <source>B2 CNS1 at end of induction</source>
        <translation>B2 CNS1 at end of induction</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="108" />
        <source>B3 hypersensitivity to blinatumomab</source>
        <translation>B3 hypersensitivity to blinatumomab</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="109" />
        <source>B4 live vaccine within 28 days</source>
        <translation>B4 live vaccine within 28 days</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="110" />
        <source>cycle</source>
        <translation>cycle</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="111" />
        <source>start date</source>
        <translation>start date</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="112" />
        <source>start time</source>
        <translation>start time</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="113" />
        <source>bag length</source>
        <translation>bag length</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="114" />
        <source>weight</source>
        <translation>weight</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="115" />
        <source>weight date</source>
        <translation>weight date</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="116" />
        <source>height</source>
        <translation>height</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="117" />
        <source>height date</source>
        <translation>height date</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="118" />
        <source>BSA formula</source>
        <translation>BSA formula</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="119" />
        <source>Order status</source>
        <translation>Order status</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="120" />
        <source>Stale</source>
        <translation>Stale</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="167" />
        <source>Data changed</source>
        <extracomment>The unit a value of these paths is recorded in (the rest carry none, or their own). A whole object is one fact: its leaves are shown together (value with its unit).</extracomment>
        <translation>Data changed</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="170" />
        <source> — order #{n}</source>
        <translation> — order #{n}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="172" />
        <source> — request #{n}</source>
        <translation> — request #{n}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="179" />
        <source>hidden until verification</source>
        <translation>hidden until verification</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="183" />
        <source>Order #{order} marked stale: {why}</source>
        <translation>Order #{order} marked stale: {why}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="217" />
        <source>{label}: hidden until verification</source>
        <translation>{label}: hidden until verification</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="267" />
        <source>MRD result {n}</source>
        <translation>MRD result {n}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="269" />
        <source>Infusion interruption</source>
        <translation>Infusion interruption</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="271" />
        <source>Toxicity assessment {n}</source>
        <translation>Toxicity assessment {n}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="274" />
        <source>Blinatumomab entry {n}: {name}</source>
        <translation>Blinatumomab entry {n}: {name}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="285" />
        <location filename="../../interfant_desktop/ui/history_rows.py" line="303" />
        <source>not recorded</source>
        <translation>not recorded</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="297" />
        <source>, cycle {n}</source>
        <translation>, cycle {n}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="302" />
        <source>no known allergies</source>
        <translation>no known allergies</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="305" />
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="306" />
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="312" />
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="321" />
        <source>case file imported</source>
        <translation>case file imported</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="322" />
        <source>diagnosis</source>
        <translation>diagnosis</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="323" />
        <source>prednisone response</source>
        <translation>prednisone response</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="324" />
        <source>end of induction</source>
        <translation>end of induction</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="325" />
        <source>checklist B1–B4</source>
        <translation>checklist B1–B4</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="329" />
        <source>1 MRD result</source>
        <translation>1 MRD result</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="330" />
        <source>{n} MRD results</source>
        <translation>{n} MRD results</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="333" />
        <source>1 blinatumomab cycle</source>
        <translation>1 blinatumomab cycle</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="334" />
        <source>{n} blinatumomab cycles</source>
        <translation>{n} blinatumomab cycles</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="335" />
        <source>case file with: {parts}</source>
        <translation>case file with: {parts}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/history_rows.py" line="336" />
        <source>identity only</source>
        <translation>identity only</translation>
    </message>
</context>
<context>
    <name>IdentityDialog</name>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/identity_dialog.py" line="23" />
        <source>Identity of {study}</source>
        <translation>Identity of {study}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/identity_dialog.py" line="29" />
        <source>Not recorded</source>
        <translation>Not recorded</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/identity_dialog.py" line="29" />
        <source>female</source>
        <translation>female</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/identity_dialog.py" line="30" />
        <source>male</source>
        <translation>male</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/identity_dialog.py" line="30" />
        <source>other</source>
        <translation>other</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/identity_dialog.py" line="31" />
        <source>unknown</source>
        <translation>unknown</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/identity_dialog.py" line="35" />
        <source>e.g. identity checked against the admission record</source>
        <translation>e.g. identity checked against the admission record</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/identity_dialog.py" line="36" />
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/identity_dialog.py" line="37" />
        <source>&amp;Hospital number</source>
        <translation>&amp;Hospital number</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/identity_dialog.py" line="38" />
        <source>S&amp;ex</source>
        <translation>S&amp;ex</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/identity_dialog.py" line="38" />
        <source>&amp;Reason</source>
        <translation>&amp;Reason</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/identity_dialog.py" line="44" />
        <source>Save identity</source>
        <translation>Save identity</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/identity_dialog.py" line="57" />
        <source>✖ Give the reason for this change (audit trail).</source>
        <translation>✖ Give the reason for this change (audit trail).</translation>
    </message>
</context>
<context>
    <name>InductionPage</name>
    <message>
        <location filename="../../interfant_desktop/ui/pages/induction_page.py" line="48" />
        <source>End of induction and MRD</source>
        <translation>End of induction and MRD</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/induction_page.py" line="49" />
        <source>End of induction</source>
        <translation>End of induction</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/induction_page.py" line="52" />
        <source>&amp;Date</source>
        <translation>&amp;Date</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/induction_page.py" line="53" />
        <location filename="../../interfant_desktop/ui/pages/induction_page.py" line="58" />
        <source>Not recorded</source>
        <translation>Not recorded</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/induction_page.py" line="54" />
        <source>M1 (&lt; 5 % blasts)</source>
        <translation>M1 (&lt; 5 % blasts)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/induction_page.py" line="55" />
        <source>M2 (5 % to &lt; 25 % blasts)</source>
        <translation>M2 (5 % to &lt; 25 % blasts)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/induction_page.py" line="56" />
        <source>M3 (≥ 25 % blasts)</source>
        <translation>M3 (≥ 25 % blasts)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/induction_page.py" line="57" />
        <source>&amp;Marrow</source>
        <translation>&amp;Marrow</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/induction_page.py" line="60" />
        <source>&amp;CNS status</source>
        <translation>&amp;CNS status</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/induction_page.py" line="62" />
        <source>Source / reason</source>
        <translation>Source / reason</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/induction_page.py" line="62" />
        <source>e.g. marrow report 2026-04-02</source>
        <translation>e.g. marrow report 2026-04-02</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/induction_page.py" line="63" />
        <source>Save &amp;end of induction</source>
        <translation>Save &amp;end of induction</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/induction_page.py" line="65" />
        <source>MRD results</source>
        <translation>MRD results</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/induction_page.py" line="66" />
        <source>Time point</source>
        <translation>Time point</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/induction_page.py" line="66" />
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/induction_page.py" line="66" />
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/induction_page.py" line="67" />
        <source>Method</source>
        <translation>Method</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/induction_page.py" line="67" />
        <source>Laboratory</source>
        <translation>Laboratory</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/induction_page.py" line="68" />
        <source>MRD results table</source>
        <translation>MRD results table</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/induction_page.py" line="75" />
        <source>Correct the selected result…</source>
        <translation>Correct the selected result…</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/induction_page.py" line="76" />
        <source>Correct the selected MRD result or mark it entered in error</source>
        <translation>Correct the selected MRD result or mark it entered in error</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/induction_page.py" line="92" />
        <source>Add an MRD result</source>
        <translation>Add an MRD result</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/induction_page.py" line="95" />
        <source>&amp;Time point</source>
        <translation>&amp;Time point</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/induction_page.py" line="97" />
        <source>Sam&amp;ple date</source>
        <translation>Sam&amp;ple date</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/induction_page.py" line="102" />
        <source>Value in %</source>
        <translation>Value in %</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/induction_page.py" line="103" />
        <source>Undetectable</source>
        <translation>Undetectable</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/induction_page.py" line="104" />
        <source>Positive, not quantifiable</source>
        <translation>Positive, not quantifiable</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/induction_page.py" line="105" />
        <source>Kind of MRD result</source>
        <translation>Kind of MRD result</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/induction_page.py" line="107" />
        <source>% of nucleated cells, e.g. 0.03</source>
        <translation>% of nucleated cells, e.g. 0.03</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/induction_page.py" line="108" />
        <source>MRD value or quantitative range in percent</source>
        <translation>MRD value or quantitative range in percent</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/induction_page.py" line="110" />
        <source>MRD value as a power of ten</source>
        <translation>MRD value as a power of ten</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/induction_page.py" line="115" />
        <source>&amp;Result</source>
        <translation>&amp;Result</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/induction_page.py" line="116" />
        <source>Enter % (0–100). For positive-not-quantifiable, enter the assay's quantitative range in %.</source>
        <translation>Enter % (0–100). For positive-not-quantifiable, enter the assay's quantitative range in %.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/induction_page.py" line="118" />
        <source>Met&amp;hod</source>
        <translation>Met&amp;hod</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/induction_page.py" line="119" />
        <source>e.g. PCR (Ig/TCR) or flow cytometry</source>
        <translation>e.g. PCR (Ig/TCR) or flow cytometry</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/induction_page.py" line="120" />
        <source>&amp;Laboratory</source>
        <translation>&amp;Laboratory</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/induction_page.py" line="121" />
        <source>&amp;Add MRD result</source>
        <translation>&amp;Add MRD result</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/induction_page.py" line="157" />
        <source>Needs a clinician's decision — {rule} ({source}): {detail}</source>
        <translation>Needs a clinician's decision — {rule} ({source}): {detail}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/induction_page.py" line="185" />
        <location filename="../../interfant_desktop/ui/pages/induction_page.py" line="216" />
        <source>Enter a number in % of nucleated cells (0–100), e.g. 0.03.</source>
        <translation>Enter a number in % of nucleated cells (0–100), e.g. 0.03.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/induction_page.py" line="204" />
        <source>Say where the result comes from.</source>
        <translation>Say where the result comes from.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/induction_page.py" line="221" />
        <source>The sample date is required (YYYY-MM-DD).</source>
        <translation>The sample date is required (YYYY-MM-DD).</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/induction_page.py" line="230" />
        <source>MRD {tp} {date}: {result}</source>
        <translation>MRD {tp} {date}: {result}</translation>
    </message>
</context>
<context>
    <name>InfusionCalls</name>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/calls.py" line="35" />
        <source>not signed in</source>
        <translation>not signed in</translation>
    </message>
</context>
<context>
    <name>InfusionPage</name>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="73" />
        <source>hung</source>
        <extracomment>A bag event's kind in words (``BagEventView.kind``).</extracomment>
        <translation>hung</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="74" />
        <source>removed</source>
        <translation>removed</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="97" />
        <source>Stopped {stopped} ({why}) — STILL STOPPED</source>
        <translation>Stopped {stopped} ({why}) — STILL STOPPED</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="100" />
        <source>Stopped {stopped} → restarted {restarted} ({why}): {hours:g} h</source>
        <translation>Stopped {stopped} → restarted {restarted} ({why}): {hours:g} h</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="106" />
        <source>dexamethasone before the restart</source>
        <translation>dexamethasone before the restart</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="108" />
        <source>dexamethasone {dose} mg before the restart</source>
        <translation>dexamethasone {dose} mg before the restart</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="111" />
        <source>supervise or hospitalise at the restart</source>
        <translation>supervise or hospitalise at the restart</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="113" />
        <source>NEW CYCLE needed (longer than the same-cycle limit)</source>
        <translation>NEW CYCLE needed (longer than the same-cycle limit)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="116" />
        <source>{hours:g} h of infusion remain</source>
        <translation>{hours:g} h of infusion remain</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="128" />
        <source>Infusion</source>
        <translation>Infusion</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="133" />
        <source>Cycle</source>
        <translation>Cycle</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="135" />
        <source>Blinatumomab cycle</source>
        <translation>Blinatumomab cycle</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="139" />
        <source>Assess every</source>
        <translation>Assess every</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="141" />
        <source>Assessment interval (site setting)</source>
        <translation>Assessment interval (site setting)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="144" />
        <source>(site interval not set)</source>
        <translation>(site interval not set)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="146" />
        <source>{h} h</source>
        <translation>{h} h</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="152" />
        <source>Record s&amp;tart…</source>
        <translation>Record s&amp;tart…</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="155" />
        <source>Record &amp;stop…</source>
        <translation>Record &amp;stop…</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="156" />
        <source>Record re&amp;start…</source>
        <translation>Record re&amp;start…</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="157" />
        <source>Record &amp;assessment…</source>
        <translation>Record &amp;assessment…</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="168" />
        <source>&amp;Hang bag…</source>
        <translation>&amp;Hang bag…</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="169" />
        <source>Remove &amp;bag…</source>
        <translation>Remove &amp;bag…</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="174" />
        <source>Entered in e&amp;rror…</source>
        <translation>Entered in e&amp;rror…</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="175" />
        <source>Mark an entry of the infusion record entered in error</source>
        <translation>Mark an entry of the infusion record entered in error</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="184" />
        <source>Interruptions</source>
        <translation>Interruptions</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="185" />
        <source>Interruptions of the infusion</source>
        <translation>Interruptions of the infusion</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="186" />
        <source>Cycle timeline</source>
        <translation>Cycle timeline</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="189" />
        <source>Cycle timeline, one row per day</source>
        <translation>Cycle timeline, one row per day</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="192" />
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="193" />
        <source>Bags of the signed schedule</source>
        <translation>Bags of the signed schedule</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="196" />
        <source>Orders of the cycle</source>
        <translation>Orders of the cycle</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="197" />
        <source>Orders of the cycle, with their transitions</source>
        <translation>Orders of the cycle, with their transitions</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="198" />
        <source>Assessments and the label's actions</source>
        <translation>Assessments and the label's actions</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="201" />
        <source>Toxicity assessments of the cycle</source>
        <translation>Toxicity assessments of the cycle</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="234" />
        <source>Cycle {n}</source>
        <translation>Cycle {n}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="244" />
        <source>No blinatumomab cycle is recorded yet.</source>
        <translation>No blinatumomab cycle is recorded yet.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="272" />
        <source>The cycle has no start date: record when the infusion started.</source>
        <translation>The cycle has no start date: record when the infusion started.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="276" />
        <source>Start date {date} recorded, without the time the infusion started: record the start (Record start…) to plan the 28 days and the assessments.</source>
        <translation>Start date {date} recorded, without the time the infusion started: record the start (Record start…) to plan the 28 days and the assessments.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="280" />
        <source>Started {start} · 28 days of infusion complete {end}</source>
        <translation>Started {start} · 28 days of infusion complete {end}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="282" />
        <source>(not known while stopped)</source>
        <translation>(not known while stopped)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="287" />
        <source>{reminder} — until {until}</source>
        <translation>{reminder} — until {until}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="292" />
        <source>Due now: {detail}</source>
        <translation>Due now: {detail}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="294" />
        <source>{due} — ASSESSMENT OVERDUE</source>
        <translation>{due} — ASSESSMENT OVERDUE</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="297" />
        <source>Next assessment: choose the site's assessment interval above.</source>
        <translation>Next assessment: choose the site's assessment interval above.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="299" />
        <source>⚠ THE INFUSION IS STOPPED: record the restart when it restarts.</source>
        <translation>⚠ THE INFUSION IS STOPPED: record the restart when it restarts.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="314" />
        <source>⛔ ORDER {code} IS ON HOLD — no bag is hung: {note}</source>
        <translation>⛔ ORDER {code} IS ON HOLD — no bag is hung: {note}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="317" />
        <source>No verified order for this cycle: no bag can be hung.</source>
        <translation>No verified order for this cycle: no bag can be hung.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="319" />
        <source>Order {o} has no bag schedule: a new order is needed to hang bags.</source>
        <translation>Order {o} has no bag schedule: a new order is needed to hang bags.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="322" />
        <source>Bag {n}: due {due}, {duration}, {rate:g} mL/h, {volume:g} mL to infuse</source>
        <translation>Bag {n}: due {due}, {duration}, {rate:g} mL/h, {volume:g} mL to infuse</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="327" />
        <source> — hung {at:%Y-%m-%d %H:%M} by {nurse}, checked by {second}</source>
        <translation> — hung {at:%Y-%m-%d %H:%M} by {nurse}, checked by {second}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="330" />
        <source> — removed {at:%Y-%m-%d %H:%M}: {infused:g} mL infused, {discarded:g} mL discarded</source>
        <translation> — removed {at:%Y-%m-%d %H:%M}: {infused:g} mL infused, {discarded:g} mL discarded</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="350" />
        <source> (restart order)</source>
        <translation> (restart order)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="350" />
        <source> (modified order)</source>
        <translation> (modified order)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="357" />
        <source>    restart from {at}: {h:g} h remain, ends {end}</source>
        <translation>    restart from {at}: {h:g} h remain, ends {end}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="362" />
        <source>    its bags are course bags {first}–{last} (bags 1–{before} were on the earlier order)</source>
        <translation>    its bags are course bags {first}–{last} (bags 1–{before} were on the earlier order)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="365" />
        <source>{at:%Y-%m-%d %H:%M} UTC · {meaning} · {by}</source>
        <translation>{at:%Y-%m-%d %H:%M} UTC · {meaning} · {by}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="369" />
        <source>No order for this cycle yet.</source>
        <translation>No order for this cycle yet.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="377" />
        <source>No order in force</source>
        <translation>No order in force</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="378" />
        <source>This cycle has no verified order to hold or restart.</source>
        <translation>This cycle has no verified order to hold or restart.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="380" />
        <source>Hold order {code}</source>
        <translation>Hold order {code}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="381" />
        <source>Restart order after {code}</source>
        <translation>Restart order after {code}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="383" />
        <source>&amp;Reason (signed with your password and recorded):</source>
        <translation>&amp;Reason (signed with your password and recorded):</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="384" />
        <source>Hold the order</source>
        <translation>Hold the order</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="384" />
        <source>Make the restart order</source>
        <translation>Make the restart order</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="399" />
        <source>Not done</source>
        <translation>Not done</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="437" />
        <source>No interruption recorded.</source>
        <translation>No interruption recorded.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="452" />
        <source>1 action awaiting the physician</source>
        <translation>1 action awaiting the physician</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="453" />
        <source>{n} actions awaiting the physician</source>
        <translation>{n} actions awaiting the physician</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="454" />
        <source>{at:%Y-%m-%d %H:%M}  CRS {crs}  ICANS {icans}</source>
        <translation>{at:%Y-%m-%d %H:%M}  CRS {crs}  ICANS {icans}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="494" />
        <source>Nothing to restart</source>
        <translation>Nothing to restart</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="495" />
        <source>The infusion of this cycle is not stopped.</source>
        <translation>The infusion of this cycle is not stopped.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="506" />
        <source>Interruption: </source>
        <translation>Interruption: </translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="509" />
        <source>Assessment {at:%Y-%m-%d %H:%M} by {who}: CRS {crs}, ICANS {icans}</source>
        <translation>Assessment {at:%Y-%m-%d %H:%M} by {who}: CRS {crs}, ICANS {icans}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="518" />
        <source>Bag {n} {kind} {at:%Y-%m-%d %H:%M} by {who} (latest bag entry)</source>
        <translation>Bag {n} {kind} {at:%Y-%m-%d %H:%M} by {who} (latest bag entry)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="527" />
        <source>Nothing to mark</source>
        <translation>Nothing to mark</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/infusion_page.py" line="528" />
        <source>This cycle has no recorded entry.</source>
        <translation>This cycle has no recorded entry.</translation>
    </message>
</context>
<context>
    <name>InterruptionDialog</name>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/interruption_dialog.py" line="25" />
        <source>Infusion stopped — cycle {n}</source>
        <translation>Infusion stopped — cycle {n}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/interruption_dialog.py" line="26" />
        <source>&amp;Record stop</source>
        <translation>&amp;Record stop</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/interruption_dialog.py" line="30" />
        <source>Stopped at (local time)</source>
        <translation>Stopped at (local time)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/interruption_dialog.py" line="34" />
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/interruption_dialog.py" line="35" />
        <source>Already restarted</source>
        <translation>Already restarted</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/interruption_dialog.py" line="40" />
        <source>Restarted at (local time)</source>
        <translation>Restarted at (local time)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/interruption_dialog.py" line="42" />
        <source>Note</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../interfant_desktop/ui/main_window.py" line="55" />
        <source>Interfant Desktop {version}</source>
        <extracomment>Emitted once the window and the first page of the patient list are on screen. Emitted once, after the patient list has first been painted with rows. the header's "Switch user…" (hand the workstation over) :class:`SigningIn` (nothing shown, nothing allowed) until ``attach_backend`` each File menu action with the header button it mirrors (filled by ``_file_menu``)</extracomment>
        <translation>Interfant Desktop {version}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/main_window.py" line="56" />
        <source> — TRAINING</source>
        <translation> — TRAINING</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/main_window.py" line="68" />
        <source>⚠ TRAINING — NOT FOR CLINICAL USE ⚠  Fictitious patients only.</source>
        <translation>⚠ TRAINING — NOT FOR CLINICAL USE ⚠  Fictitious patients only.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/main_window.py" line="71" />
        <source>Training — not for clinical use</source>
        <translation>Training — not for clinical use</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/main_window.py" line="105" />
        <source>Signed-in user and role</source>
        <extracomment>set by the app: closing the window with unsaved changes asks first</extracomment>
        <translation>Signed-in user and role</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/main_window.py" line="108" />
        <source>&amp;Users…</source>
        <translation>&amp;Users…</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/main_window.py" line="108" />
        <source>Manage the user accounts</source>
        <translation>Manage the user accounts</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/main_window.py" line="110" />
        <source>E&amp;xport…</source>
        <translation>E&amp;xport…</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/main_window.py" line="111" />
        <source>File: export trial data (ODM, FHIR, CSV)</source>
        <translation>File: export trial data (ODM, FHIR, CSV)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/main_window.py" line="114" />
        <source>Bag pr&amp;eparation…</source>
        <translation>Bag pr&amp;eparation…</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/main_window.py" line="115" />
        <source>Confirm the bag preparation figures for this site</source>
        <translation>Confirm the bag preparation figures for this site</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/main_window.py" line="116" />
        <location filename="../../interfant_desktop/ui/main_window.py" line="161" />
        <source>Change password…</source>
        <translation>Change password…</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/main_window.py" line="117" />
        <source>Change my password</source>
        <translation>Change my password</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/main_window.py" line="118" />
        <location filename="../../interfant_desktop/ui/main_window.py" line="162" />
        <source>Switch user…</source>
        <translation>Switch user…</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/main_window.py" line="119" />
        <source>Hand the workstation to another user</source>
        <translation>Hand the workstation to another user</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/main_window.py" line="121" />
        <source>L&amp;ock</source>
        <translation>L&amp;ock</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/main_window.py" line="121" />
        <source>Lock the screen now</source>
        <translation>Lock the screen now</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/main_window.py" line="131" />
        <source>Find patient</source>
        <translation>Find patient</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/main_window.py" line="135" />
        <source>Back to patient list</source>
        <translation>Back to patient list</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/main_window.py" line="139" />
        <source>New patient…</source>
        <translation>New patient…</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/main_window.py" line="148" />
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/main_window.py" line="157" />
        <source>Export trial data…</source>
        <translation>Export trial data…</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/main_window.py" line="158" />
        <source>Users…</source>
        <translation>Users…</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/main_window.py" line="159" />
        <source>Bag preparation…</source>
        <translation>Bag preparation…</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/main_window.py" line="163" />
        <source>Lock</source>
        <translation>Lock</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/main_window.py" line="165" />
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/main_window.py" line="177" />
        <source>&lt;b&gt;Interfant Desktop&lt;/b&gt; · {protocol}</source>
        <translation>&lt;b&gt;Interfant Desktop&lt;/b&gt; · {protocol}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/main_window.py" line="184" />
        <source>site key {short}…</source>
        <translation>site key {short}…</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/main_window.py" line="186" />
        <source>Site signing key fingerprint: {fp}</source>
        <translation>Site signing key fingerprint: {fp}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/main_window.py" line="224" />
        <source>signing in as {name}…</source>
        <translation>signing in as {name}…</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/main_window.py" line="226" />
        <source>not signed in</source>
        <translation>not signed in</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/main_window.py" line="228" />
        <source>Signed in: &lt;b&gt;{name}&lt;/b&gt; ({role})</source>
        <translation>Signed in: &lt;b&gt;{name}&lt;/b&gt; ({role})</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/main_window.py" line="236" />
        <source>⚠ Only {count} active administrator</source>
        <translation>⚠ Only {count} active administrator</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/main_window.py" line="237" />
        <source>⚠ No active administrator</source>
        <translation>⚠ No active administrator</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/main_window.py" line="239" />
        <source>Add a second administrator under Users…, so that one locked-out or absent administrator does not need the break-glass recovery.</source>
        <translation>Add a second administrator under Users…, so that one locked-out or absent administrator does not need the break-glass recovery.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/main_window.py" line="316" />
        <source>closing the window</source>
        <translation>closing the window</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/main_window.py" line="324" />
        <source>going back to the patient list</source>
        <translation>going back to the patient list</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/main_window.py" line="343" />
        <source>opening another patient</source>
        <translation>opening another patient</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/main_window.py" line="348" />
        <source>Patient not opened</source>
        <translation>Patient not opened</translation>
    </message>
</context>
<context>
    <name>ModifyOrderDialog</name>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="133" />
        <source>Modify order {code}</source>
        <translation>Modify order {code}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="136" />
        <source>New weight in kg (empty: unchanged)</source>
        <translation>New weight in kg (empty: unchanged)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="136" />
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="137" />
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="140" />
        <source>unchanged</source>
        <translation>unchanged</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="137" />
        <source>New height in cm (empty: unchanged)</source>
        <translation>New height in cm (empty: unchanged)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="139" />
        <source>Bag length</source>
        <translation>Bag length</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="142" />
        <source>{h}-hour bags</source>
        <translation>{h}-hour bags</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="144" />
        <source>Change the &amp;start of the infusion</source>
        <translation>Change the &amp;start of the infusion</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="145" />
        <source>Change the start date and time of the infusion</source>
        <translation>Change the start date and time of the infusion</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="147" />
        <source>New start date and time (local, 24-hour)</source>
        <translation>New start date and time (local, 24-hour)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="150" />
        <source>&amp;Weight (kg)</source>
        <translation>&amp;Weight (kg)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="151" />
        <source>H&amp;eight (cm)</source>
        <translation>H&amp;eight (cm)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="152" />
        <source>&amp;Bags</source>
        <translation>&amp;Bags</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="154" />
        <source>Start (&amp;local)</source>
        <translation>Start (&amp;local)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="177" />
        <source>✖ Enter the weight in kg and the height in cm as numbers, or leave them empty.</source>
        <translation>✖ Enter the weight in kg and the height in cm as numbers, or leave them empty.</translation>
    </message>
</context>
<context>
    <name>MrdChart</name>
    <message>
        <location filename="../../interfant_desktop/ui/widgets/mrd_chart.py" line="88" />
        <source>MRD chart, log scale, with thresholds {thresholds}</source>
        <extracomment>every text box drawn for the points (tags, date labels), for the overlap check (percent, label) of the lines drawn across the chart per threshold, the rules comparing with it and their operator (threshold_rules)</extracomment>
        <translation>MRD chart, log scale, with thresholds {thresholds}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/widgets/mrd_chart.py" line="100" />
        <location filename="../../interfant_desktop/ui/widgets/mrd_chart.py" line="161" />
        <source>No MRD results yet</source>
        <translation>No MRD results yet</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/widgets/mrd_chart.py" line="140" />
        <source>undet.</source>
        <translation>undet.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/widgets/mrd_chart.py" line="206" />
        <source>PNQ, QR {percent:g} %</source>
        <translation>PNQ, QR {percent:g} %</translation>
    </message>
</context>
<context>
    <name>NewPatientDialog</name>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/new_patient_dialog.py" line="28" />
        <source>New patient</source>
        <translation>New patient</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/new_patient_dialog.py" line="37" />
        <source>Not recorded</source>
        <translation>Not recorded</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/new_patient_dialog.py" line="37" />
        <source>female</source>
        <translation>female</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/new_patient_dialog.py" line="38" />
        <source>male</source>
        <translation>male</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/new_patient_dialog.py" line="38" />
        <source>other</source>
        <translation>other</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/new_patient_dialog.py" line="39" />
        <source>unknown</source>
        <translation>unknown</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/new_patient_dialog.py" line="43" />
        <source>&amp;Study ID *</source>
        <translation>&amp;Study ID *</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/new_patient_dialog.py" line="44" />
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/new_patient_dialog.py" line="45" />
        <source>&amp;Hospital number</source>
        <translation>&amp;Hospital number</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/new_patient_dialog.py" line="46" />
        <source>Date of &amp;birth *</source>
        <translation>Date of &amp;birth *</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/new_patient_dialog.py" line="47" />
        <source>S&amp;ex</source>
        <translation>S&amp;ex</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/new_patient_dialog.py" line="60" />
        <source>* required. Use fictitious data only in training.</source>
        <translation>* required. Use fictitious data only in training.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/new_patient_dialog.py" line="63" />
        <source>Register</source>
        <translation>Register</translation>
    </message>
</context>
<context>
    <name>OrderWords</name>
    <message>
        <location filename="../../interfant_desktop/ui/order_words.py" line="17" />
        <source>draft — not signed</source>
        <extracomment>An order's state -&gt; what it tells the person looking at it.</extracomment>
        <translation>draft — not signed</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/order_words.py" line="18" />
        <source>signed — awaiting verification</source>
        <translation>signed — awaiting verification</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/order_words.py" line="19" />
        <source>verified — ready to print</source>
        <translation>verified — ready to print</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/order_words.py" line="20" />
        <source>printed</source>
        <translation>printed</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/order_words.py" line="21" />
        <source>cancelled</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/order_words.py" line="22" />
        <source>ON HOLD — do not hang</source>
        <translation>ON HOLD — do not hang</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/order_words.py" line="23" />
        <location filename="../../interfant_desktop/ui/order_words.py" line="44" />
        <source>discontinued</source>
        <translation>discontinued</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/order_words.py" line="24" />
        <source>superseded — not valid</source>
        <translation>superseded — not valid</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/order_words.py" line="28" />
        <source>DRAFT</source>
        <extracomment>An order's state in capitals, as the Infusion page lists a cycle's orders.</extracomment>
        <translation>DRAFT</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/order_words.py" line="29" />
        <source>SIGNED</source>
        <translation>SIGNED</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/order_words.py" line="30" />
        <source>VERIFIED</source>
        <translation>VERIFIED</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/order_words.py" line="31" />
        <source>PRINTED</source>
        <translation>PRINTED</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/order_words.py" line="32" />
        <source>CANCELLED</source>
        <translation>CANCELLED</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/order_words.py" line="33" />
        <source>HELD</source>
        <translation>HELD</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/order_words.py" line="34" />
        <source>DISCONTINUED</source>
        <translation>DISCONTINUED</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/order_words.py" line="35" />
        <source>SUPERSEDED</source>
        <translation>SUPERSEDED</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/order_words.py" line="39" />
        <source>prescribed</source>
        <extracomment>A signature's meaning -&gt; the words the signer reads when asked for the password.</extracomment>
        <translation>prescribed</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/order_words.py" line="40" />
        <source>verified</source>
        <translation>verified</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/order_words.py" line="41" />
        <source>printed for administration</source>
        <translation>printed for administration</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/order_words.py" line="42" />
        <source>held</source>
        <translation>held</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/order_words.py" line="43" />
        <source>hold released</source>
        <translation>hold released</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/order_words.py" line="45" />
        <source>superseded</source>
        <translation>superseded</translation>
    </message>
</context>
<context>
    <name>OrderWorkflowDialog</name>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="79" />
        <source>Electronic signature</source>
        <extracomment>Returns a printer set up by the user (QPrintDialog) or None when cancelled. Returns the path to save a PDF to, or None when cancelled. Asks the signed-in user's password again for one electronic signature (its meaning given); None when cancelled.</extracomment>
        <translation>Electronic signature</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="80" />
        <source>Your password, to sign this order as “{meaning}”:</source>
        <translation>Your password, to sign this order as “{meaning}”:</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="91" />
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="252" />
        <source>Print the order sheet</source>
        <translation>Print the order sheet</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="99" />
        <source>Save the order sheet</source>
        <translation>Save the order sheet</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="100" />
        <source>PDF files (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="220" />
        <source>{study} — blinatumomab cycle {cycle} orders</source>
        <extracomment>The signatures list never takes more than this from the calculation trail (pixels). The states each action starts from (the services refuse the others too).</extracomment>
        <translation>{study} — blinatumomab cycle {cycle} orders</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="226" />
        <source>&amp;Orders of cycle {cycle}</source>
        <translation>&amp;Orders of cycle {cycle}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="228" />
        <source>Orders of this cycle</source>
        <translation>Orders of this cycle</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="233" />
        <source>&amp;New order…</source>
        <translation>&amp;New order…</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="233" />
        <source>Start a new order</source>
        <translation>Start a new order</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="245" />
        <source>&amp;Sign order</source>
        <translation>&amp;Sign order</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="245" />
        <source>Sign the order</source>
        <translation>Sign the order</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="247" />
        <source>&amp;Verify…</source>
        <translation>&amp;Verify…</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="248" />
        <source>Verify the order with a blinded re-entry</source>
        <translation>Verify the order with a blinded re-entry</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="250" />
        <source>Pre&amp;view</source>
        <translation>Pre&amp;view</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="251" />
        <source>Preview the order sheet</source>
        <translation>Preview the order sheet</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="252" />
        <source>&amp;Print…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="254" />
        <source>Save P&amp;DF…</source>
        <translation>Save P&amp;DF…</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="255" />
        <source>Save the order sheet as a PDF file copy (not a print)</source>
        <translation>Save the order sheet as a PDF file copy (not a print)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="257" />
        <source>C&amp;ancel order…</source>
        <translation>C&amp;ancel order…</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="258" />
        <source>Cancel the order with a reason</source>
        <translation>Cancel the order with a reason</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="272" />
        <source>Signatures and &amp;transitions of this order:</source>
        <translation>Signatures and &amp;transitions of this order:</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="275" />
        <source>Signatures and transitions of this order</source>
        <translation>Signatures and transitions of this order</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="278" />
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="279" />
        <source>Close the order workflow</source>
        <translation>Close the order workflow</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="286" />
        <source>Site signing key fingerprint: {fp}</source>
        <translation>Site signing key fingerprint: {fp}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="287" />
        <source>none (no administrator key yet)</source>
        <translation>none (no administrator key yet)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="289" />
        <source>Site signing key fingerprint</source>
        <translation>Site signing key fingerprint</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="332" />
        <source>STALE — make a new order</source>
        <translation>STALE — make a new order</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="334" />
        <source>{code} · {status}</source>
        <translation>{code} · {status}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="354" />
        <source>No order for this cycle yet</source>
        <translation>No order for this cycle yet</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="355" />
        <source>Start a new order: enter or confirm the weight and height with the date each was measured.</source>
        <translation>Start a new order: enter or confirm the weight and height with the date each was measured.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="363" />
        <source>Order {code}: {note}</source>
        <translation>Order {code}: {note}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="367" />
        <source>Order {code} is STALE — make a new order</source>
        <translation>Order {code} is STALE — make a new order</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="369" />
        <source>{why}. It cannot be signed, verified or printed; cancel it and start a new order.</source>
        <translation>{why}. It cannot be signed, verified or printed; cancel it and start a new order.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="375" />
        <source>This order was drafted without the engine's order context; cancel it and start a new order.</source>
        <translation>This order was drafted without the engine's order context; cancel it and start a new order.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="379" />
        <source>The prescriber's weight, height and doses are hidden until you verify the order with your own measurements (Verify…).</source>
        <translation>The prescriber's weight, height and doses are hidden until you verify the order with your own measurements (Verify…).</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="402" />
        <source>Order {code}: DRAFT — not signed</source>
        <translation>Order {code}: DRAFT — not signed</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="404" />
        <source>Check the calculation trail, then sign. Started by {who} at {at}.</source>
        <translation>Check the calculation trail, then sign. Started by {who} at {at}.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="407" />
        <source>Order {code}: signed — awaiting pharmacist verification</source>
        <translation>Order {code}: signed — awaiting pharmacist verification</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="409" />
        <source>Signed by {who} at {at}. A different person verifies it with a blinded re-entry of weight and height.</source>
        <translation>Signed by {who} at {at}. A different person verifies it with a blinded re-entry of weight and height.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="413" />
        <source>Order {code}: verified — ready to print</source>
        <translation>Order {code}: verified — ready to print</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="415" />
        <source>Signed by {p} at {ps}; verified by {v} at {vs}.</source>
        <translation>Signed by {p} at {ps}; verified by {v} at {vs}.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="420" />
        <source>Order {code}: printed once</source>
        <translation>Order {code}: printed once</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="421" />
        <source>Order {code}: printed {n} times</source>
        <translation>Order {code}: printed {n} times</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="423" />
        <source>First printed at {at}; a reprint says COPY with that time.</source>
        <translation>First printed at {at}; a reprint says COPY with that time.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="425" />
        <source>Order {code}: cancelled</source>
        <translation>Order {code}: cancelled</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="426" />
        <source>Cancelled by {who} at {at}: {why}</source>
        <translation>Cancelled by {who} at {at}: {why}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="431" />
        <source>Not done</source>
        <translation>Not done</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="489" />
        <source>Valid order sheet (verified).</source>
        <translation>Valid order sheet (verified).</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="490" />
        <source>Preview only: DRAFT — NOT VALID FOR ADMINISTRATION (print needs a verified order).</source>
        <translation>Preview only: DRAFT — NOT VALID FOR ADMINISTRATION (print needs a verified order).</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="493" />
        <source>Printed before: any new print says COPY.</source>
        <translation>Printed before: any new print says COPY.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="494" />
        <source>Order {code} — preview</source>
        <translation>Order {code} — preview</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="523" />
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="535" />
        <source>Printing failed</source>
        <translation>Printing failed</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="524" />
        <source>The print could not start: {error}. Nothing was printed and the print was not recorded.</source>
        <translation>The print could not start: {error}. Nothing was printed and the print was not recorded.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="536" />
        <source>The print was recorded but the printer failed: {error}. Print again (it will say COPY).</source>
        <translation>The print was recorded but the printer failed: {error}. Print again (it will say COPY).</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="557" />
        <source>Not saved</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="565" />
        <source>&amp;Hold…</source>
        <translation>&amp;Hold…</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="565" />
        <source>Reason for the HOLD (no bag is hung until it is released; signed with your password):</source>
        <translation>Reason for the HOLD (no bag is hung until it is released; signed with your password):</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="567" />
        <source>Hold the order</source>
        <translation>Hold the order</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="568" />
        <source>&amp;Release hold…</source>
        <translation>&amp;Release hold…</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="568" />
        <source>Reason for releasing the hold (signed with your password):</source>
        <translation>Reason for releasing the hold (signed with your password):</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="570" />
        <source>Release the hold</source>
        <translation>Release the hold</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="571" />
        <source>Dis&amp;continue…</source>
        <translation>Dis&amp;continue…</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="571" />
        <source>Reason for discontinuing PERMANENTLY (signed):</source>
        <translation>Reason for discontinuing PERMANENTLY (signed):</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="573" />
        <source>Discontinue permanently</source>
        <translation>Discontinue permanently</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="574" />
        <source>&amp;Modify…</source>
        <translation>&amp;Modify…</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="574" />
        <source>Reason for the new order that replaces this one (signed):</source>
        <translation>Reason for the new order that replaces this one (signed):</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="576" />
        <source>Make the modified order</source>
        <translation>Make the modified order</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="577" />
        <source>R&amp;estart…</source>
        <translation>R&amp;estart…</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="578" />
        <source>Reason for the restart order (the engine re-plans the doses and bags from the recorded restart; signed):</source>
        <translation>Reason for the restart order (the engine re-plans the doses and bags from the recorded restart; signed):</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="579" />
        <source>Make the restart order</source>
        <translation>Make the restart order</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="599" />
        <source>{action} order {code}</source>
        <translation>{action} order {code}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="633" />
        <source>Confirm the warnings</source>
        <translation>Confirm the warnings</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="634" />
        <source>The engine warns:
{warnings}

Confirm them and make the order?</source>
        <translation>The engine warns:
{warnings}

Confirm them and make the order?</translation>
    </message>
</context>
<context>
    <name>OrdersPage</name>
    <message>
        <location filename="../../interfant_desktop/ui/pages/orders_page.py" line="40" />
        <source>Orders</source>
        <translation>Orders</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/orders_page.py" line="48" />
        <source>Chemotherapy block doses are not public: see the protocol document. The app prints infusion orders for blinatumomab only.</source>
        <translation>Chemotherapy block doses are not public: see the protocol document. The app prints infusion orders for blinatumomab only.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/orders_page.py" line="62" />
        <location filename="../../interfant_desktop/ui/pages/orders_page.py" line="83" />
        <source>Allergies</source>
        <translation>Allergies</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/orders_page.py" line="68" />
        <source>Allergy status</source>
        <translation>Allergy status</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/orders_page.py" line="72" />
        <source>&amp;No known allergies</source>
        <translation>&amp;No known allergies</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/orders_page.py" line="73" />
        <source>Allergies &amp;listed below</source>
        <translation>Allergies &amp;listed below</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/orders_page.py" line="80" />
        <source>One allergy per line, with the reaction, e.g. penicillin (rash)</source>
        <translation>One allergy per line, with the reaction, e.g. penicillin (rash)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/orders_page.py" line="84" />
        <location filename="../../interfant_desktop/ui/pages/orders_page.py" line="157" />
        <source>Source / reason</source>
        <translation>Source / reason</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/orders_page.py" line="85" />
        <source>Required to change a recorded status</source>
        <translation>Required to change a recorded status</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/orders_page.py" line="86" />
        <source>Save &amp;allergies</source>
        <translation>Save &amp;allergies</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/orders_page.py" line="101" />
        <source>Choose "No known allergies" or list the allergies.</source>
        <translation>Choose "No known allergies" or list the allergies.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/orders_page.py" line="107" />
        <source>List the allergies, or choose "No known allergies".</source>
        <translation>List the allergies, or choose "No known allergies".</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/orders_page.py" line="129" />
        <source>Allergies NOT RECORDED — record them before an order can be signed</source>
        <translation>Allergies NOT RECORDED — record them before an order can be signed</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/orders_page.py" line="132" />
        <source>No known allergies</source>
        <translation>No known allergies</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/orders_page.py" line="135" />
        <source>ALLERGIES: {items}</source>
        <translation>ALLERGIES: {items}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/orders_page.py" line="139" />
        <source>Record weight and height for a cycle</source>
        <translation>Record weight and height for a cycle</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/orders_page.py" line="142" />
        <source>Cycle 1</source>
        <translation>Cycle 1</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/orders_page.py" line="143" />
        <source>Cycle 2</source>
        <translation>Cycle 2</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/orders_page.py" line="145" />
        <source>C&amp;ycle</source>
        <translation>C&amp;ycle</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/orders_page.py" line="147" />
        <source>Cycle &amp;start date</source>
        <translation>Cycle &amp;start date</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/orders_page.py" line="149" />
        <source>&amp;Weight (kg)</source>
        <translation>&amp;Weight (kg)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/orders_page.py" line="149" />
        <source>kg, e.g. 6.4</source>
        <translation>kg, e.g. 6.4</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/orders_page.py" line="150" />
        <source>Plausible range from the protocol file (R-PLAUS).</source>
        <translation>Plausible range from the protocol file (R-PLAUS).</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/orders_page.py" line="152" />
        <source>Weighed on</source>
        <translation>Weighed on</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/orders_page.py" line="153" />
        <source>&amp;Height (cm)</source>
        <translation>&amp;Height (cm)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/orders_page.py" line="154" />
        <source>cm, e.g. 64</source>
        <translation>cm, e.g. 64</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/orders_page.py" line="156" />
        <source>Measured on</source>
        <translation>Measured on</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/orders_page.py" line="158" />
        <source>e.g. ward scales, 2026-04-02 morning</source>
        <translation>e.g. ward scales, 2026-04-02 morning</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/orders_page.py" line="159" />
        <source>Save &amp;measurements</source>
        <translation>Save &amp;measurements</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/orders_page.py" line="169" />
        <source>Enter the weight in kg, e.g. 6.4.</source>
        <translation>Enter the weight in kg, e.g. 6.4.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/orders_page.py" line="172" />
        <source>Enter the height in cm, e.g. 64.</source>
        <translation>Enter the height in cm, e.g. 64.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/orders_page.py" line="192" />
        <source>Confirm the weight</source>
        <translation>Confirm the weight</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/orders_page.py" line="193" />
        <source>{warning}

Record this weight?</source>
        <translation>{warning}

Record this weight?</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/orders_page.py" line="196" />
        <source>Not saved: weigh again or confirm the change.</source>
        <translation>Not saved: weigh again or confirm the change.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/orders_page.py" line="226" />
        <source>No blinatumomab cycle recorded yet</source>
        <translation>No blinatumomab cycle recorded yet</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/orders_page.py" line="227" />
        <source>Doses appear here once a cycle with weight and height is recorded.</source>
        <translation>Doses appear here once a cycle with weight and height is recorded.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/orders_page.py" line="231" />
        <source>1 blinatumomab cycle with computed doses</source>
        <translation>1 blinatumomab cycle with computed doses</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/orders_page.py" line="232" />
        <source>{n} blinatumomab cycles with computed doses</source>
        <translation>{n} blinatumomab cycles with computed doses</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/orders_page.py" line="233" />
        <source>Doses are computed by the engine; verify before signing the order.</source>
        <translation>Doses are computed by the engine; verify before signing the order.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/orders_page.py" line="247" />
        <source>Blinatumomab cycle {cycle}</source>
        <translation>Blinatumomab cycle {cycle}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/orders_page.py" line="251" />
        <source>Hidden until you verify: re-enter the weight and height in the verification dialog</source>
        <translation>Hidden until you verify: re-enter the weight and height in the verification dialog</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/orders_page.py" line="264" />
        <source>Weight {w} kg · height {h} cm · BSA {bsa} m² ({formula})</source>
        <translation>Weight {w} kg · height {h} cm · BSA {bsa} m² ({formula})</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/orders_page.py" line="268" />
        <source> — capped</source>
        <translation> — capped</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/orders_page.py" line="270" />
        <source>Days {a}–{b}: {per_m2} mcg/m²/day → &lt;b&gt;{dose} mcg/day&lt;/b&gt;{capped}</source>
        <translation>Days {a}–{b}: {per_m2} mcg/m²/day → &lt;b&gt;{dose} mcg/day&lt;/b&gt;{capped}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/orders_page.py" line="282" />
        <source>Premedication: {drug} {dose} mg ({per_m2} mg/m², max {max} mg) — {when}</source>
        <translation>Premedication: {drug} {dose} mg ({per_m2} mg/m², max {max} mg) — {when}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/orders_page.py" line="296" />
        <source> — STALE: data changed, cancel and draft again</source>
        <translation> — STALE: data changed, cancel and draft again</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/orders_page.py" line="297" />
        <source>Order #{id}: {status}{stale}</source>
        <translation>Order #{id}: {status}{stale}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/orders_page.py" line="311" />
        <source>Signatures and transitions of order {id}</source>
        <translation>Signatures and transitions of order {id}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/orders_page.py" line="316" />
        <source>Prepare order for cycle {cycle}…</source>
        <translation>Prepare order for cycle {cycle}…</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/orders_page.py" line="317" />
        <source>Prepare infusion order for cycle {cycle}</source>
        <translation>Prepare infusion order for cycle {cycle}</translation>
    </message>
</context>
<context>
    <name>PatientListModel</name>
    <message>
        <location filename="../../interfant_desktop/ui/patient_list_model.py" line="59" />
        <source>Study ID</source>
        <extracomment>the "Needs attention" flags as (each in full, each in a few words), in the same order: the cell draws what fits of them (``attention_cell.py``) rows summarised per background call (each is a few store reads and one evaluation)</extracomment>
        <translation>Study ID</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/patient_list_model.py" line="60" />
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/patient_list_model.py" line="61" />
        <source>Hospital number</source>
        <translation>Hospital number</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/patient_list_model.py" line="62" />
        <source>Age at diagnosis</source>
        <translation>Age at diagnosis</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/patient_list_model.py" line="63" />
        <source>Eligibility</source>
        <translation>Eligibility</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/patient_list_model.py" line="64" />
        <source>Risk group</source>
        <translation>Risk group</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/patient_list_model.py" line="65" />
        <source>Current phase</source>
        <translation>Current phase</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/patient_list_model.py" line="66" />
        <source>Needs attention</source>
        <translation>Needs attention</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/patient_list_model.py" line="75" />
        <source>✔ eligible</source>
        <extracomment>The eligibility column in words and a symbol, so colour is never the only signal.</extracomment>
        <translation>✔ eligible</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/patient_list_model.py" line="76" />
        <source>✖ NOT eligible</source>
        <translation>✖ NOT eligible</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/patient_list_model.py" line="77" />
        <source>… incomplete</source>
        <translation>… incomplete</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/patient_list_model.py" line="78" />
        <location filename="../../interfant_desktop/ui/patient_list_model.py" line="98" />
        <location filename="../../interfant_desktop/ui/patient_list_model.py" line="257" />
        <source>not on protocol</source>
        <extracomment>A page of the current search arrived (or the search found nothing). None until the services are loaded and the user signed in (nothing is fetched) bumped by every new search: a late page of an older search is dropped</extracomment>
        <translation>not on protocol</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/patient_list_model.py" line="95" />
        <location filename="../../interfant_desktop/ui/patient_list_model.py" line="262" />
        <source>pending</source>
        <translation>pending</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/patient_list_model.py" line="95" />
        <location filename="../../interfant_desktop/ui/patient_list_model.py" line="302" />
        <source>not readable</source>
        <translation>not readable</translation>
    </message>
</context>
<context>
    <name>PatientListPage</name>
    <message>
        <location filename="../../interfant_desktop/ui/patient_list_page.py" line="64" />
        <source>Patients</source>
        <translation>Patients</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/patient_list_page.py" line="68" />
        <source>&amp;Search:</source>
        <translation>&amp;Search:</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/patient_list_page.py" line="71" />
        <source>Study ID, name or hospital number</source>
        <translation>Study ID, name or hospital number</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/patient_list_page.py" line="72" />
        <source>Search patients by study ID, name or hospital number</source>
        <translation>Search patients by study ID, name or hospital number</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/patient_list_page.py" line="75" />
        <source>&amp;New patient…</source>
        <translation>&amp;New patient…</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/patient_list_page.py" line="77" />
        <source>Register a new patient</source>
        <translation>Register a new patient</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/patient_list_page.py" line="89" />
        <source>Patient list</source>
        <extracomment>Enter was pressed while the search was on its way: open its first match then</extracomment>
        <translation>Patient list</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/patient_list_page.py" line="109" />
        <source>Enter or double-click opens the patient. Ctrl+F searches.</source>
        <translation>Enter or double-click opens the patient. Ctrl+F searches.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/patient_list_page.py" line="131" />
        <source>Signing in…</source>
        <translation>Signing in…</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/patient_list_page.py" line="185" />
        <source>1 patient shown</source>
        <translation>1 patient shown</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/patient_list_page.py" line="185" />
        <source>{n} patients shown</source>
        <translation>{n} patients shown</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/patient_list_page.py" line="187" />
        <source> (scroll for more)</source>
        <translation> (scroll for more)</translation>
    </message>
</context>
<context>
    <name>PatientWorkspace</name>
    <message>
        <location filename="../../interfant_desktop/ui/workspace.py" line="111" />
        <source>Result of the last save</source>
        <extracomment>Emitted after a successful save, so the patient list can refresh its row. Emitted when the user asks to go back to the patient list. the recorded case in case-file form: what an edit starts from (the pages show ``evaluation.case``, the engine's parsed case) the engine's answer for the recorded case (set by ``reload``) the page whose save is being shown (its saved fields become the baseline)</extracomment>
        <translation>Result of the last save</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/workspace.py" line="121" />
        <source>Workspace steps</source>
        <translation>Workspace steps</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/workspace.py" line="138" />
        <source>Your role may not change clinical data.</source>
        <translation>Your role may not change clinical data.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/workspace.py" line="159" />
        <source>◀ Patient list</source>
        <translation>◀ Patient list</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/workspace.py" line="160" />
        <source>Back to the patient list</source>
        <translation>Back to the patient list</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/workspace.py" line="162" />
        <source>Back to the patient list (Alt+Left)</source>
        <translation>Back to the patient list (Alt+Left)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/workspace.py" line="167" />
        <source>Patient identity</source>
        <translation>Patient identity</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/workspace.py" line="172" />
        <source>Risk group and current phase</source>
        <translation>Risk group and current phase</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/workspace.py" line="178" />
        <source>Allergy status</source>
        <translation>Allergy status</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/workspace.py" line="186" />
        <source>Aller&amp;gies…</source>
        <translation>Aller&amp;gies…</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/workspace.py" line="187" />
        <source>Record the allergy status</source>
        <translation>Record the allergy status</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/workspace.py" line="191" />
        <source>&amp;Identity…</source>
        <translation>&amp;Identity…</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/workspace.py" line="192" />
        <source>Complete or correct the patient's identity</source>
        <translation>Complete or correct the patient's identity</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/workspace.py" line="196" />
        <source>Correct…</source>
        <translation>Correct…</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/workspace.py" line="197" />
        <source>Correct a recorded value or mark it entered in error</source>
        <translation>Correct a recorded value or mark it entered in error</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/workspace.py" line="262" />
        <source>(no name recorded)</source>
        <translation>(no name recorded)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/workspace.py" line="264" />
        <source>&lt;b&gt;{study}&lt;/b&gt; · {name} · {mrn} · born {dob} · age at diagnosis {age}</source>
        <translation>&lt;b&gt;{study}&lt;/b&gt; · {name} · {mrn} · born {dob} · age at diagnosis {age}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/workspace.py" line="266" />
        <source>MRN {number}</source>
        <translation>MRN {number}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/workspace.py" line="267" />
        <source>no hospital number</source>
        <translation>no hospital number</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/workspace.py" line="270" />
        <source>Risk: &lt;b&gt;{risk}&lt;/b&gt; · Now: &lt;b&gt;{phase}&lt;/b&gt; · {protocol}</source>
        <translation>Risk: &lt;b&gt;{risk}&lt;/b&gt; · Now: &lt;b&gt;{phase}&lt;/b&gt; · {protocol}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/workspace.py" line="301" />
        <source>not known (diagnosis date not recorded)</source>
        <translation>not known (diagnosis date not recorded)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/workspace.py" line="311" />
        <source>pending (diagnosis date not recorded)</source>
        <translation>pending (diagnosis date not recorded)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/workspace.py" line="319" />
        <source>Risk group pending: not recorded yet: {missing}</source>
        <translation>Risk group pending: not recorded yet: {missing}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/workspace.py" line="327" />
        <source>none (ineligible)</source>
        <translation>none (ineligible)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/workspace.py" line="329" />
        <source>no phase yet (diagnosis date not recorded)</source>
        <translation>no phase yet (diagnosis date not recorded)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/workspace.py" line="331" />
        <source>{phase} (if eligible)</source>
        <translation>{phase} (if eligible)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/workspace.py" line="384" />
        <source>{page} (reason recorded: “{reason}”)</source>
        <translation>{page} (reason recorded: “{reason}”)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/workspace.py" line="393" />
        <source>weight and height of cycle {cycle}</source>
        <translation>weight and height of cycle {cycle}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/workspace.py" line="401" />
        <source>allergy status</source>
        <translation>allergy status</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/workspace.py" line="410" />
        <source>Confirmation not recorded</source>
        <translation>Confirmation not recorded</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/workspace.py" line="445" />
        <source>✖ Not everything was saved: see the page {page}. You are still on this patient.</source>
        <translation>✖ Not everything was saved: see the page {page}. You are still on this patient.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/workspace.py" line="463" />
        <source>✔ Saved: {what} — by {user} at {time}</source>
        <translation>✔ Saved: {what} — by {user} at {time}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/workspace.py" line="503" />
        <source>Not saved</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/workspace.py" line="514" />
        <source>decision</source>
        <translation>decision</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/workspace.py" line="526" />
        <source>✖ Not saved: what you typed is still on screen; see the message beside the field.</source>
        <translation>✖ Not saved: what you typed is still on screen; see the message beside the field.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/workspace.py" line="562" />
        <source>Changed by someone else</source>
        <translation>Changed by someone else</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/workspace.py" line="563" />
        <source>This patient's record was changed by someone else after you opened it. Your change was NOT saved and nothing was overwritten.</source>
        <translation>This patient's record was changed by someone else after you opened it. Your change was NOT saved and nothing was overwritten.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/workspace.py" line="565" />
        <source>Reload to see the current record, then enter your change again if it is still needed.</source>
        <translation>Reload to see the current record, then enter your change again if it is still needed.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/workspace.py" line="567" />
        <source>&amp;Reload</source>
        <translation>&amp;Reload</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/workspace.py" line="568" />
        <source>&amp;Keep my screen</source>
        <translation>&amp;Keep my screen</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/workspace.py" line="579" />
        <source>Not recorded</source>
        <translation>Not recorded</translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <location filename="../../interfant_desktop/ui/orders/preview_dialog.py" line="25" />
        <source>About this preview</source>
        <translation>About this preview</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/preview_dialog.py" line="28" />
        <source>1 page</source>
        <translation>1 page</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/preview_dialog.py" line="29" />
        <source>{n} pages</source>
        <translation>{n} pages</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/preview_dialog.py" line="30" />
        <source>Page count</source>
        <translation>Page count</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/preview_dialog.py" line="33" />
        <source>Order sheet preview</source>
        <translation>Order sheet preview</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/preview_dialog.py" line="41" />
        <source>Close the preview</source>
        <translation>Close the preview</translation>
    </message>
</context>
<context>
    <name>PhaseStartDialog</name>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/phase_start_dialog.py" line="40" />
        <source>Correct the start date</source>
        <translation>Correct the start date</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/phase_start_dialog.py" line="41" />
        <source>Mark the start entered in error</source>
        <translation>Mark the start entered in error</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/phase_start_dialog.py" line="43" />
        <source>{phase}: recorded start {date}, by {who}.</source>
        <translation>{phase}: recorded start {date}, by {who}.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/phase_start_dialog.py" line="48" />
        <source>The entry is kept, struck through, with your reason; the roadmap no longer counts it.</source>
        <translation>The entry is kept, struck through, with your reason; the roadmap no longer counts it.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/phase_start_dialog.py" line="55" />
        <source>New start date</source>
        <translation>New start date</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/phase_start_dialog.py" line="58" />
        <source>New start &amp;date</source>
        <translation>New start &amp;date</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/phase_start_dialog.py" line="60" />
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/phase_start_dialog.py" line="61" />
        <source>Why is the recorded date wrong?</source>
        <translation>Why is the recorded date wrong?</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/phase_start_dialog.py" line="62" />
        <source>&amp;Reason</source>
        <translation>&amp;Reason</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/phase_start_dialog.py" line="65" />
        <source>&amp;Correct</source>
        <translation>&amp;Correct</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/phase_start_dialog.py" line="65" />
        <source>Mark entered in &amp;error</source>
        <translation>Mark entered in &amp;error</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/phase_start_dialog.py" line="74" />
        <source>New start date: not a date (YYYY-MM-DD)</source>
        <translation>New start date: not a date (YYYY-MM-DD)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/phase_start_dialog.py" line="77" />
        <source>Reason: required</source>
        <translation>Reason: required</translation>
    </message>
</context>
<context>
    <name>PhaseStartList</name>
    <message>
        <location filename="../../interfant_desktop/ui/widgets/phase_starts.py" line="33" />
        <source>No phase start recorded yet.</source>
        <translation>No phase start recorded yet.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/widgets/phase_starts.py" line="45" />
        <source>recorded by {who} {when:%Y-%m-%d %H:%M} UTC</source>
        <translation>recorded by {who} {when:%Y-%m-%d %H:%M} UTC</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/widgets/phase_starts.py" line="48" />
        <source>; corrected by {who} {when:%Y-%m-%d %H:%M} UTC</source>
        <translation>; corrected by {who} {when:%Y-%m-%d %H:%M} UTC</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/widgets/phase_starts.py" line="50" />
        <source>{phase}: started {date} · {who}</source>
        <translation>{phase}: started {date} · {who}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/widgets/phase_starts.py" line="53" />
        <source>ENTERED IN ERROR: {reason}</source>
        <translation>ENTERED IN ERROR: {reason}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/widgets/phase_starts.py" line="64" />
        <source>Correct date…</source>
        <translation>Correct date…</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/widgets/phase_starts.py" line="65" />
        <source>Correct the start of {phase}</source>
        <translation>Correct the start of {phase}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/widgets/phase_starts.py" line="67" />
        <source>Entered in error…</source>
        <translation>Entered in error…</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/widgets/phase_starts.py" line="68" />
        <source>Mark the start of {phase} entered in error</source>
        <translation>Mark the start of {phase} entered in error</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/widgets/phase_starts.py" line="74" />
        <source>Your role may not change clinical data.</source>
        <translation>Your role may not change clinical data.</translation>
    </message>
</context>
<context>
    <name>PhaseStrip</name>
    <message>
        <location filename="../../interfant_desktop/ui/widgets/phase_strip.py" line="18" />
        <source>▶ NOW: </source>
        <translation>▶ NOW: </translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/widgets/phase_strip.py" line="34" />
        <source>Roadmap at a glance</source>
        <extracomment>A done phase in the app's "ok" colours; the current one filled with the accent. "NOW" only where the protocol applies; otherwise the phase is hypothetical</extracomment>
        <translation>Roadmap at a glance</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/widgets/phase_strip.py" line="37" />
        <source>▷ if eligible: </source>
        <translation>▷ if eligible: </translation>
    </message>
</context>
<context>
    <name>PreparationDialog</name>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/preparation_dialog.py" line="36" />
        <source>Bag preparation figures for this site</source>
        <translation>Bag preparation figures for this site</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/preparation_dialog.py" line="43" />
        <source>The label's bag composition as the protocol file {version} holds it (source {source}). Check each figure against the current label before you confirm.</source>
        <translation>The label's bag composition as the protocol file {version} holds it (source {source}). Check each figure against the current label before you confirm.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/preparation_dialog.py" line="50" />
        <source>{ml:g} mL</source>
        <translation>{ml:g} mL</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/preparation_dialog.py" line="52" />
        <source>Vial</source>
        <translation>Vial</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/preparation_dialog.py" line="52" />
        <source>{mcg:g} mcg</source>
        <translation>{mcg:g} mcg</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/preparation_dialog.py" line="53" />
        <source>Reconstitution</source>
        <translation>Reconstitution</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/preparation_dialog.py" line="53" />
        <source>{ml:g} mL preservative-free sterile water for injection → {c:g} mcg/mL</source>
        <translation>{ml:g} mL preservative-free sterile water for injection → {c:g} mcg/mL</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/preparation_dialog.py" line="56" />
        <source>Drug volume per vial</source>
        <translation>Drug volume per vial</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/preparation_dialog.py" line="57" />
        <source>0.9 % sodium chloride</source>
        <translation>0.9 % sodium chloride</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/preparation_dialog.py" line="58" />
        <source>IV Solution Stabilizer</source>
        <translation>IV Solution Stabilizer</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/preparation_dialog.py" line="59" />
        <source>Minimum measurable volume</source>
        <translation>Minimum measurable volume</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/preparation_dialog.py" line="60" />
        <source>{ml:g} mL ({note})</source>
        <translation>{ml:g} mL ({note})</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/preparation_dialog.py" line="62" />
        <source>Fluid limit</source>
        <translation>Fluid limit</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/preparation_dialog.py" line="63" />
        <source>{limit:g} mL/kg/day ({note})</source>
        <translation>{limit:g} mL/kg/day ({note})</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/preparation_dialog.py" line="70" />
        <source>Reason or note</source>
        <translation>Reason or note</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/preparation_dialog.py" line="71" />
        <source>e.g. checked against the label of 2026-03 (required to withdraw)</source>
        <translation>e.g. checked against the label of 2026-03 (required to withdraw)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/preparation_dialog.py" line="77" />
        <source>&amp;Confirm the figures</source>
        <translation>&amp;Confirm the figures</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/preparation_dialog.py" line="79" />
        <source>&amp;Withdraw the confirmation…</source>
        <translation>&amp;Withdraw the confirmation…</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/preparation_dialog.py" line="90" />
        <source>Only a pharmacist confirms the preparation figures.</source>
        <translation>Only a pharmacist confirms the preparation figures.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/preparation_dialog.py" line="97" />
        <source>⚠ NOT YET VERIFIED AT THIS SITE: every order sheet says so until a pharmacist confirms the figures below.</source>
        <translation>⚠ NOT YET VERIFIED AT THIS SITE: every order sheet says so until a pharmacist confirms the figures below.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/preparation_dialog.py" line="110" />
        <source>not signed in</source>
        <translation>not signed in</translation>
    </message>
</context>
<context>
    <name>PrintJob</name>
    <message>
        <location filename="../../interfant_desktop/ui/print_job.py" line="151" />
        <source>printer {name} is not available (any more)</source>
        <extracomment>lupdate reads calls named ``translate`` with literal texts; the print process installs the window's translations, so its sentences reach the user in the same language The CUPS options the Unix print dialog sets on the printer's engine (PPK_CupsOptions in Qt's qcups_p.h): page ranges, odd/even pages, pages per sheet, banners, job priority. On CUPS the dialog hands the chosen pages to the server this way. Finest resolution a page is rendered at, a laser printer's. Qt gives a QPrinter in HighResolution 1200 dpi on CUPS (and for a PDF file) whatever the printer does: an A4 page of 130 megapixels, so a 9-page order took 44 s and 1 GB in the print process and sent an 82 MB job, which CUPS's PostScript filter rasterised again at 300 dpi. The last IPP status of success (successful-ok-events-complete, RFC 8011 has 0x0000-0x00FF) (first, last) page numbers, 1-based, when the user chose pages the exact paper size, width and height in points (for a custom or printer size) left, top, right, bottom, in ``margin_unit``</extracomment>
        <translation>printer {name} is not available (any more)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/print_job.py" line="159" />
        <source>the printer does not take the chosen paper and margins ({paper}, {margins} {unit})</source>
        <translation>the printer does not take the chosen paper and margins ({paper}, {margins} {unit})</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/print_job.py" line="194" />
        <source>IPP status {code}</source>
        <translation>IPP status {code}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/print_job.py" line="215" />
        <source>the chosen pages ({pages}) are not in the order sheet ({count} pages)</source>
        <translation>the chosen pages ({pages}) are not in the order sheet ({count} pages)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/print_job.py" line="241" />
        <source>page {n} of the order sheet could not be rendered</source>
        <translation>page {n} of the order sheet could not be rendered</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/print_job.py" line="288" />
        <source>(default)</source>
        <translation>(default)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/print_job.py" line="289" />
        <source>the file {file} cannot be written</source>
        <translation>the file {file} cannot be written</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/print_job.py" line="291" />
        <source>printer {name}</source>
        <translation>printer {name}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/print_job.py" line="292" />
        <source>the printer could not be opened: {where}</source>
        <translation>the printer could not be opened: {where}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/print_job.py" line="302" />
        <source>the order sheet could not be read ({error})</source>
        <translation>the order sheet could not be read ({error})</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/print_job.py" line="311" />
        <source>the printer did not finish the print</source>
        <translation>the printer did not finish the print</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/print_job.py" line="314" />
        <source>the printer {name} refused the print: {why}</source>
        <translation>the printer {name} refused the print: {why}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/print_job.py" line="410" />
        <source>the print process ended with exit code {code}</source>
        <translation>the print process ended with exit code {code}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/print_job.py" line="413" />
        <source>the print process printed no page</source>
        <translation>the print process printed no page</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/print_job.py" line="421" />
        <source>the print process did not answer within {seconds} s (it was stopped)</source>
        <translation>the print process did not answer within {seconds} s (it was stopped)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/print_job.py" line="427" />
        <source>the print process stopped unexpectedly (exit code {code})</source>
        <translation>the print process stopped unexpectedly (exit code {code})</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="115" />
        <source>Keep it</source>
        <translation>Keep it</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/order_dialog.py" line="122" />
        <source>✖ Give the reason.</source>
        <translation>✖ Give the reason.</translation>
    </message>
</context>
<context>
    <name>RemoveBagDialog</name>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/bag_dialogs.py" line="72" />
        <source>Change or remove bag {n}</source>
        <translation>Change or remove bag {n}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/bag_dialogs.py" line="73" />
        <source>&amp;Record bag removed</source>
        <translation>&amp;Record bag removed</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/bag_dialogs.py" line="77" />
        <source>Removed at (local time)</source>
        <translation>Removed at (local time)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/bag_dialogs.py" line="79" />
        <source>Volume infused (pump)</source>
        <translation>Volume infused (pump)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/bag_dialogs.py" line="81" />
        <source>Residual discarded</source>
        <translation>Residual discarded</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="262" />
        <source>Reset the password of {user}</source>
        <translation>Reset the password of {user}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="263" />
        <source>Set a temporary password for &lt;b&gt;{user}&lt;/b&gt;. This also unlocks the account.</source>
        <translation>Set a temporary password for &lt;b&gt;{user}&lt;/b&gt;. This also unlocks the account.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="268" />
        <source>&amp;Temporary password *</source>
        <translation>&amp;Temporary password *</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="268" />
        <source>Temporary password</source>
        <translation>Temporary password</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="270" />
        <source>Reset password</source>
        <translation>Reset password</translation>
    </message>
</context>
<context>
    <name>ResolveReviewDialog</name>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/resolve_review_dialog.py" line="30" />
        <source>Resolve review item {rule}</source>
        <translation>Resolve review item {rule}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/resolve_review_dialog.py" line="42" />
        <source>Your decision:</source>
        <translation>Your decision:</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/resolve_review_dialog.py" line="46" />
        <source>Option {option}</source>
        <translation>Option {option}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/resolve_review_dialog.py" line="50" />
        <source>&amp;Reason (recorded in the audit trail):</source>
        <translation>&amp;Reason (recorded in the audit trail):</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/resolve_review_dialog.py" line="51" />
        <source>Reason for the decision</source>
        <translation>Reason for the decision</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/resolve_review_dialog.py" line="52" />
        <source>Record decision</source>
        <translation>Record decision</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/resolve_review_dialog.py" line="67" />
        <source>✖ Choose one of the options.</source>
        <translation>✖ Choose one of the options.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/resolve_review_dialog.py" line="69" />
        <source>✖ Give the reason for this decision.</source>
        <translation>✖ Give the reason for this decision.</translation>
    </message>
</context>
<context>
    <name>RestartDialog</name>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/interruption_dialog.py" line="57" />
        <source>Infusion restarted</source>
        <translation>Infusion restarted</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/interruption_dialog.py" line="57" />
        <source>&amp;Record restart</source>
        <translation>&amp;Record restart</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/interruption_dialog.py" line="60" />
        <source>Stopped at</source>
        <translation>Stopped at</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/interruption_dialog.py" line="62" />
        <source>Restarted at (local time)</source>
        <translation>Restarted at (local time)</translation>
    </message>
</context>
<context>
    <name>ReviewPanel</name>
    <message>
        <location filename="../../interfant_desktop/ui/review_panel.py" line="47" />
        <source>Needs a clinician's decision — {rule} ({source})</source>
        <translation>Needs a clinician's decision — {rule} ({source})</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/review_panel.py" line="51" />
        <source>Resolve…</source>
        <translation>Resolve…</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/review_panel.py" line="53" />
        <source>Resolve review item {rule}</source>
        <translation>Resolve review item {rule}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/review_panel.py" line="58" />
        <source>Only a physician can resolve review items.</source>
        <translation>Only a physician can resolve review items.</translation>
    </message>
</context>
<context>
    <name>RiskPage</name>
    <message>
        <location filename="../../interfant_desktop/ui/pages/risk_page.py" line="22" />
        <source>Risk group</source>
        <translation>Risk group</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/risk_page.py" line="27" />
        <source>Why (rule, wording, source)</source>
        <translation>Why (rule, wording, source)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/risk_page.py" line="29" />
        <source>Re-allocations</source>
        <translation>Re-allocations</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/risk_page.py" line="31" />
        <source>Settled by a clinician's decision (who, when, what, why)</source>
        <translation>Settled by a clinician's decision (who, when, what, why)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/risk_page.py" line="33" />
        <source>Still to come (points that can still change the group)</source>
        <translation>Still to come (points that can still change the group)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/risk_page.py" line="53" />
        <source>Unverified setting: check the protocol document.</source>
        <translation>Unverified setting: check the protocol document.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/risk_page.py" line="57" />
        <source>⚠ UNVERIFIED setting — confirm with the protocol document before acting.</source>
        <translation>⚠ UNVERIFIED setting — confirm with the protocol document before acting.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/risk_page.py" line="68" />
        <source>Waits for: {what}</source>
        <translation>Waits for: {what}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/risk_page.py" line="70" />
        <source> — ⚠ UNVERIFIED setting</source>
        <translation> — ⚠ UNVERIFIED setting</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/risk_page.py" line="76" />
        <source>Still to come: {point}</source>
        <translation>Still to come: {point}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/risk_page.py" line="82" />
        <source>Still to come: </source>
        <translation>Still to come: </translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/risk_page.py" line="90" />
        <source>RISK GROUP: needs a clinician's decision</source>
        <translation>RISK GROUP: needs a clinician's decision</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/risk_page.py" line="91" />
        <source>See the review item above: the protocol does not settle this case.</source>
        <translation>See the review item above: the protocol does not settle this case.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/risk_page.py" line="95" />
        <source>RISK GROUP: pending</source>
        <translation>RISK GROUP: pending</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/risk_page.py" line="96" />
        <source>Still needed: {what}</source>
        <translation>Still needed: {what}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/risk_page.py" line="97" />
        <source>see the rules below</source>
        <translation>see the rules below</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/risk_page.py" line="100" />
        <source>HIGH RISK (HR)</source>
        <translation>HIGH RISK (HR)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/risk_page.py" line="100" />
        <source>MEDIUM RISK (MR)</source>
        <translation>MEDIUM RISK (MR)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/risk_page.py" line="105" />
        <source>RISK GROUP: {group}</source>
        <translation>RISK GROUP: {group}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/risk_page.py" line="106" />
        <source> — so far; re-assessed at the points still to come</source>
        <translation> — so far; re-assessed at the points still to come</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/risk_page.py" line="109" />
        <source>nothing yet</source>
        <translation>nothing yet</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/risk_page.py" line="111" />
        <source>open (a clinician decides)</source>
        <translation>open (a clinician decides)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/risk_page.py" line="111" />
        <source>pending</source>
        <translation>pending</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/risk_page.py" line="113" />
        <source>At diagnosis: {dx} · now: {now}
Settled so far: {settled}
{ahead}</source>
        <translation>At diagnosis: {dx} · now: {now}
Settled so far: {settled}
{ahead}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/risk_page.py" line="115" />
        <source>Still to come: {points}</source>
        <translation>Still to come: {points}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/risk_page.py" line="117" />
        <source>Nothing still to come: no decision point ahead.</source>
        <translation>Nothing still to come: no decision point ahead.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/risk_page.py" line="123" />
        <source>No rule has decided the group yet (see the banner above).</source>
        <translation>No rule has decided the group yet (see the banner above).</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/risk_page.py" line="127" />
        <location filename="../../interfant_desktop/ui/pages/risk_page.py" line="145" />
        <source>Clinician decision</source>
        <translation>Clinician decision</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/risk_page.py" line="131" />
        <source>No re-allocation.</source>
        <translation>No re-allocation.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/risk_page.py" line="134" />
        <source>{when}: {frm} → {to}</source>
        <translation>{when}: {frm} → {to}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/risk_page.py" line="142" />
        <source>No review question has been settled by a clinician.</source>
        <translation>No review question has been settled by a clinician.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/risk_page.py" line="149" />
        <source>No decision point ahead.</source>
        <translation>No decision point ahead.</translation>
    </message>
</context>
<context>
    <name>RoadmapPage</name>
    <message>
        <location filename="../../interfant_desktop/ui/pages/roadmap_page.py" line="31" />
        <source>Roadmap</source>
        <translation>Roadmap</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/roadmap_page.py" line="37" />
        <source>Treatment &amp;summary (PDF)…</source>
        <translation>Treatment &amp;summary (PDF)…</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/roadmap_page.py" line="38" />
        <source>Save the one-page treatment summary as a PDF</source>
        <translation>Save the one-page treatment summary as a PDF</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/roadmap_page.py" line="41" />
        <source>Phases and the decisions between them</source>
        <translation>Phases and the decisions between them</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/roadmap_page.py" line="44" />
        <source>When each phase started</source>
        <translation>When each phase started</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/roadmap_page.py" line="48" />
        <source>P&amp;hase</source>
        <translation>P&amp;hase</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/roadmap_page.py" line="50" />
        <source>S&amp;tarted on</source>
        <translation>S&amp;tarted on</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/roadmap_page.py" line="51" />
        <source>The date the phase began (YYYY-MM-DD). A blinatumomab cycle's start is its infusion start, recorded on the Infusion page.</source>
        <translation>The date the phase began (YYYY-MM-DD). A blinatumomab cycle's start is its infusion start, recorded on the Infusion page.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/roadmap_page.py" line="53" />
        <source>&amp;Record phase start</source>
        <translation>&amp;Record phase start</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/roadmap_page.py" line="66" />
        <source>NOT ON PROTOCOL — roadmap as it would apply if eligible</source>
        <translation>NOT ON PROTOCOL — roadmap as it would apply if eligible</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/roadmap_page.py" line="68" />
        <source>ROADMAP IF ELIGIBLE — eligibility incomplete</source>
        <translation>ROADMAP IF ELIGIBLE — eligibility incomplete</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/roadmap_page.py" line="71" />
        <source>{headline}. Phases and decisions below are hypothetical.</source>
        <translation>{headline}. Phases and decisions below are hypothetical.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/roadmap_page.py" line="77" />
        <source> (since {date}, day {day})</source>
        <translation> (since {date}, day {day})</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/roadmap_page.py" line="79" />
        <source>NOW: {phase}{since}</source>
        <translation>NOW: {phase}{since}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/roadmap_page.py" line="82" />
        <source>No current phase yet</source>
        <translation>No current phase yet</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/roadmap_page.py" line="83" />
        <source>The roadmap fills in as results are recorded.</source>
        <translation>The roadmap fills in as results are recorded.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/roadmap_page.py" line="94" />
        <source>No decision point open</source>
        <translation>No decision point open</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/roadmap_page.py" line="97" />
        <source>no expected date</source>
        <translation>no expected date</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/roadmap_page.py" line="99" />
        <source>expected {date}: OVERDUE</source>
        <translation>expected {date}: OVERDUE</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/roadmap_page.py" line="101" />
        <source>expected {date}</source>
        <translation>expected {date}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/roadmap_page.py" line="102" />
        <source> · a clinician decides (review)</source>
        <translation> · a clinician decides (review)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/roadmap_page.py" line="105" />
        <source>NEXT DECISION: {q} — {when}{review}</source>
        <translation>NEXT DECISION: {q} — {when}{review}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/roadmap_page.py" line="115" />
        <source>not a date (YYYY-MM-DD)</source>
        <translation>not a date (YYYY-MM-DD)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/roadmap_page.py" line="131" />
        <source>Not corrected</source>
        <translation>Not corrected</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/roadmap_page.py" line="139" />
        <source>Not marked</source>
        <translation>Not marked</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/roadmap_page.py" line="145" />
        <source>Save the treatment summary</source>
        <translation>Save the treatment summary</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/roadmap_page.py" line="146" />
        <source>PDF files (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/roadmap_page.py" line="153" />
        <source>Not saved</source>
        <translation>Not saved</translation>
    </message>
</context>
<context>
    <name>RoadmapView</name>
    <message>
        <location filename="../../interfant_desktop/ui/widgets/roadmap_view.py" line="98" />
        <source>done</source>
        <extracomment>False for a patient the protocol does not (yet) apply to: "current" is hypothetical</extracomment>
        <translation>done</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/widgets/roadmap_view.py" line="99" />
        <source>NOW — current phase</source>
        <translation>NOW — current phase</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/widgets/roadmap_view.py" line="100" />
        <source>would be current if eligible</source>
        <translation>would be current if eligible</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/widgets/roadmap_view.py" line="101" />
        <source>planned</source>
        <translation>planned</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/widgets/roadmap_view.py" line="101" />
        <source>skipped</source>
        <translation>skipped</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/widgets/roadmap_view.py" line="102" />
        <source>not applicable</source>
        <translation>not applicable</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/widgets/roadmap_view.py" line="135" />
        <source>started {date}</source>
        <translation>started {date}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/widgets/roadmap_view.py" line="148" />
        <source>{branch} path</source>
        <translation>{branch} path</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/widgets/roadmap_view.py" line="162" />
        <source>Decision: {q} → &lt;b&gt;{o}&lt;/b&gt;</source>
        <translation>Decision: {q} → &lt;b&gt;{o}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/widgets/roadmap_view.py" line="167" />
        <source>Decided by: {d}</source>
        <translation>Decided by: {d}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/widgets/roadmap_view.py" line="173" />
        <source>⚑ Settled by a clinician's decision, not by the rule: {detail}</source>
        <translation>⚑ Settled by a clinician's decision, not by the rule: {detail}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/widgets/roadmap_view.py" line="178" />
        <source>⚠ UNVERIFIED setting — </source>
        <translation>⚠ UNVERIFIED setting — </translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/widgets/roadmap_view.py" line="179" />
        <source>{rule} ({source}): {text}</source>
        <translation>{rule} ({source}): {text}</translation>
    </message>
</context>
<context>
    <name>RuleCard</name>
    <message>
        <location filename="../../interfant_desktop/ui/widgets/rule_card.py" line="30" />
        <source>   source {source}</source>
        <translation>   source {source}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/widgets/rule_card.py" line="39" />
        <source>Data: {detail}</source>
        <translation>Data: {detail}</translation>
    </message>
</context>
<context>
    <name>SecondPersonDialog</name>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="434" />
        <source>Confirm a correction (second person)</source>
        <translation>Confirm a correction (second person)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="438" />
        <source>entered in error</source>
        <translation>entered in error</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="440" />
        <source>&lt;b&gt;{fact}&lt;/b&gt;: {what}&lt;br&gt;Requested by {who}: {reason}&lt;br&gt;{rule}</source>
        <translation>&lt;b&gt;{fact}&lt;/b&gt;: {what}&lt;br&gt;Requested by {who}: {reason}&lt;br&gt;{rule}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="450" />
        <source>Second person's &amp;user name</source>
        <translation>Second person's &amp;user name</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="451" />
        <source>Their &amp;password</source>
        <translation>Their &amp;password</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="457" />
        <source>Confirm correction</source>
        <translation>Confirm correction</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="457" />
        <source>Later</source>
        <translation>Later</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/sign_in_dialog.py" line="54" />
        <source>Interfant Desktop — sign in</source>
        <extracomment>True once another user may sign in (Switch user) the unsaved changes discarded on the locked user's answer (for the audit)</extracomment>
        <translation>Interfant Desktop — sign in</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/sign_in_dialog.py" line="55" />
        <source>Interfant Desktop — locked</source>
        <translation>Interfant Desktop — locked</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/sign_in_dialog.py" line="57" />
        <location filename="../../interfant_desktop/ui/dialogs/sign_in_dialog.py" line="87" />
        <source>Sign in</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/sign_in_dialog.py" line="58" />
        <source>Locked by {user}.</source>
        <translation>Locked by {user}.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/sign_in_dialog.py" line="59" />
        <source>Sign in again to continue.</source>
        <translation>Sign in again to continue.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/sign_in_dialog.py" line="69" />
        <source>{user} has unsaved changes, kept until {user} signs in again: {where}.</source>
        <translation>{user} has unsaved changes, kept until {user} signs in again: {where}.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/sign_in_dialog.py" line="72" />
        <source>Database: {where}</source>
        <translation>Database: {where}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/sign_in_dialog.py" line="78" />
        <source>User name</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/sign_in_dialog.py" line="80" />
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/sign_in_dialog.py" line="81" />
        <source>&amp;User name</source>
        <translation>&amp;User name</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/sign_in_dialog.py" line="82" />
        <source>&amp;Password</source>
        <translation>&amp;Password</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/sign_in_dialog.py" line="88" />
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/sign_in_dialog.py" line="88" />
        <source>Sign out and quit</source>
        <translation>Sign out and quit</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/sign_in_dialog.py" line="89" />
        <source>S&amp;witch user…</source>
        <translation>S&amp;witch user…</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/sign_in_dialog.py" line="91" />
        <source>Hand the workstation to another user</source>
        <translation>Hand the workstation to another user</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/sign_in_dialog.py" line="96" />
        <source>No account yet? Ask an administrator of this workstation to add you under “Users…”.</source>
        <translation>No account yet? Ask an administrator of this workstation to add you under “Users…”.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/sign_in_dialog.py" line="110" />
        <source>Unsaved changes of {user}</source>
        <translation>Unsaved changes of {user}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/sign_in_dialog.py" line="111" />
        <source>{user} has unsaved changes: {where}.</source>
        <translation>{user} has unsaved changes: {where}.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/sign_in_dialog.py" line="114" />
        <source>{user}: to keep them, sign in again here and save them. Discarding them lets another user sign in; the hand-over is recorded in the audit trail.</source>
        <translation>{user}: to keep them, sign in again here and save them. Discarding them lets another user sign in; the hand-over is recorded in the audit trail.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/sign_in_dialog.py" line="117" />
        <source>&amp;Discard them and switch user</source>
        <translation>&amp;Discard them and switch user</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/sign_in_dialog.py" line="119" />
        <source>&amp;Keep them</source>
        <translation>&amp;Keep them</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/sign_in_dialog.py" line="142" />
        <source>Hand-over: the next user signs in.</source>
        <translation>Hand-over: the next user signs in.</translation>
    </message>
</context>
<context>
    <name>StandingBanner</name>
    <message>
        <location filename="../../interfant_desktop/ui/widgets/standing_banner.py" line="34" />
        <source>Show or fold the criteria behind the eligibility status</source>
        <extracomment>Criteria listed before the banner folds the others (their IDs stay in the title).</extracomment>
        <translation>Show or fold the criteria behind the eligibility status</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/widgets/standing_banner.py" line="69" />
        <source>… and {n} more criteria (Show all, or the Eligibility page)</source>
        <extracomment>the clinician unfolded the list (kept while this workspace is open)</extracomment>
        <translation>… and {n} more criteria (Show all, or the Eligibility page)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/widgets/standing_banner.py" line="71" />
        <source>Show all {n} criteria</source>
        <translation>Show all {n} criteria</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/widgets/standing_banner.py" line="73" />
        <source>Show fewer criteria</source>
        <translation>Show fewer criteria</translation>
    </message>
</context>
<context>
    <name>StartDialog</name>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/interruption_dialog.py" line="74" />
        <source>Infusion started — cycle {n}</source>
        <translation>Infusion started — cycle {n}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/interruption_dialog.py" line="75" />
        <source>&amp;Record start</source>
        <translation>&amp;Record start</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/interruption_dialog.py" line="79" />
        <source>Started at (local time)</source>
        <translation>Started at (local time)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/interruption_dialog.py" line="82" />
        <source>{h}-hour bags</source>
        <translation>{h}-hour bags</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/interruption_dialog.py" line="83" />
        <source>Bag length</source>
        <translation>Bag length</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/interruption_dialog.py" line="85" />
        <source>required when a recorded start is corrected</source>
        <translation>required when a recorded start is corrected</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/interruption_dialog.py" line="86" />
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>StartOrderDialog</name>
    <message>
        <location filename="../../interfant_desktop/ui/orders/start_dialog.py" line="73" />
        <source>Start blinatumomab order — cycle {cycle}</source>
        <translation>Start blinatumomab order — cycle {cycle}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/start_dialog.py" line="84" />
        <source>Enter or confirm today's weight and height of {study} with the date each was measured. The engine computes the order; check the calculation trail.</source>
        <translation>Enter or confirm today's weight and height of {study} with the date each was measured. The engine computes the order; check the calculation trail.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/start_dialog.py" line="92" />
        <source>Weight in kg</source>
        <translation>Weight in kg</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/start_dialog.py" line="93" />
        <source>kg, e.g. 5.4</source>
        <translation>kg, e.g. 5.4</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/start_dialog.py" line="96" />
        <source>Height in cm</source>
        <translation>Height in cm</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/start_dialog.py" line="97" />
        <source>cm, e.g. 61</source>
        <translation>cm, e.g. 61</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/start_dialog.py" line="99" />
        <source>Date the weight was measured</source>
        <translation>Date the weight was measured</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/start_dialog.py" line="101" />
        <source>Date the height was measured</source>
        <translation>Date the height was measured</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/start_dialog.py" line="103" />
        <source>Cycle start date (day 1)</source>
        <translation>Cycle start date (day 1)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/start_dialog.py" line="108" />
        <source>Cycle start time (local, 24-hour)</source>
        <translation>Cycle start time (local, 24-hour)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/start_dialog.py" line="116" />
        <source>Bag length</source>
        <translation>Bag length</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/start_dialog.py" line="118" />
        <source>{h}-hour bag ({rate} mL/h)</source>
        <translation>{h}-hour bag ({rate} mL/h)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/start_dialog.py" line="123" />
        <source>Reason for changing recorded measurements</source>
        <translation>Reason for changing recorded measurements</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/start_dialog.py" line="124" />
        <source>only when replacing recorded values</source>
        <translation>only when replacing recorded values</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/start_dialog.py" line="125" />
        <source>&amp;Weight (kg)</source>
        <translation>&amp;Weight (kg)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/start_dialog.py" line="126" />
        <source>Weight &amp;measured on</source>
        <translation>Weight &amp;measured on</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/start_dialog.py" line="127" />
        <source>&amp;Height (cm)</source>
        <translation>&amp;Height (cm)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/start_dialog.py" line="128" />
        <source>Height m&amp;easured on</source>
        <translation>Height m&amp;easured on</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/start_dialog.py" line="129" />
        <source>Cycle &amp;start (day 1)</source>
        <translation>Cycle &amp;start (day 1)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/start_dialog.py" line="130" />
        <source>Start &amp;time (local)</source>
        <translation>Start &amp;time (local)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/start_dialog.py" line="131" />
        <source>&amp;Bag length</source>
        <translation>&amp;Bag length</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/start_dialog.py" line="132" />
        <source>&amp;Reason for a change</source>
        <translation>&amp;Reason for a change</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/start_dialog.py" line="135" />
        <source>&amp;Calculate</source>
        <translation>&amp;Calculate</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/start_dialog.py" line="136" />
        <source>Calculate the order with the engine</source>
        <translation>Calculate the order with the engine</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/start_dialog.py" line="142" />
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/start_dialog.py" line="147" />
        <source>Warnings to confirm before starting</source>
        <translation>Warnings to confirm before starting</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/start_dialog.py" line="148" />
        <source>Warnings to confirm</source>
        <translation>Warnings to confirm</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/start_dialog.py" line="153" />
        <source>S&amp;tart order (draft)</source>
        <translation>S&amp;tart order (draft)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/start_dialog.py" line="155" />
        <source>Start the order as a draft</source>
        <translation>Start the order as a draft</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/start_dialog.py" line="176" />
        <source>The values changed: press Calculate again.</source>
        <translation>The values changed: press Calculate again.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/start_dialog.py" line="189" />
        <source>Enter the weight in kg and the height in cm as numbers greater than 0.</source>
        <translation>Enter the weight in kg and the height in cm as numbers greater than 0.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/start_dialog.py" line="200" />
        <source>No order: see the reason above.</source>
        <translation>No order: see the reason above.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/start_dialog.py" line="216" />
        <source>{h}-hour bag ({rate} mL/h): {fluid} mL/kg/day</source>
        <translation>{h}-hour bag ({rate} mL/h): {fluid} mL/kg/day</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/start_dialog.py" line="226" />
        <source>I confirm: {warning}</source>
        <translation>I confirm: {warning}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/start_dialog.py" line="227" />
        <source>Confirm warning: {warning}</source>
        <translation>Confirm warning: {warning}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/start_dialog.py" line="242" />
        <source>Press Calculate first.</source>
        <translation>Press Calculate first.</translation>
    </message>
</context>
<context>
    <name>TimelineTable</name>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/timeline_table.py" line="63" />
        <source>{hours} h</source>
        <translation>{hours} h</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/timeline_table.py" line="67" />
        <source>CRS {grade}</source>
        <translation>CRS {grade}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/timeline_table.py" line="71" />
        <source>ICANS {grade}</source>
        <translation>ICANS {grade}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/timeline_table.py" line="79" />
        <source>(open)</source>
        <translation>(open)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/timeline_table.py" line="81" />
        <source>stop {time} {hours}</source>
        <translation>stop {time} {hours}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/timeline_table.py" line="98" />
        <source>{dose} mg</source>
        <translation>{dose} mg</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/timeline_table.py" line="99" />
        <source>dexamethasone {dose} {why}</source>
        <translation>dexamethasone {dose} {why}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/timeline_table.py" line="112" />
        <source>day {n}</source>
        <translation>day {n}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/timeline_table.py" line="114" />
        <source>in hospital</source>
        <translation>in hospital</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/timeline_table.py" line="120" />
        <source>{hours} given</source>
        <translation>{hours} given</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/timeline_table.py" line="122" />
        <source>bag {bag}</source>
        <translation>bag {bag}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/timeline_table.py" line="132" />
        <source>worst of the day: {crs}, {icans}</source>
        <translation>worst of the day: {crs}, {icans}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/timeline_table.py" line="148" />
        <location filename="../../interfant_desktop/ui/infusion/timeline_table.py" line="164" />
        <source>Day</source>
        <translation>Day</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/timeline_table.py" line="149" />
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/timeline_table.py" line="150" />
        <source>Hours
given</source>
        <translation>Hours
given</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/timeline_table.py" line="151" />
        <source>Bags</source>
        <translation>Bags</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/timeline_table.py" line="152" />
        <source>Stops</source>
        <translation>Stops</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/timeline_table.py" line="154" />
        <location filename="../../interfant_desktop/ui/infusion/timeline_table.py" line="166" />
        <source>Assessments
(grades → actions)</source>
        <translation>Assessments
(grades → actions)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/timeline_table.py" line="156" />
        <source>Worst
CRS</source>
        <translation>Worst
CRS</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/timeline_table.py" line="157" />
        <source>Worst
ICANS</source>
        <translation>Worst
ICANS</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/timeline_table.py" line="158" />
        <location filename="../../interfant_desktop/ui/infusion/timeline_table.py" line="167" />
        <source>Premedication
due</source>
        <translation>Premedication
due</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/timeline_table.py" line="160" />
        <source>In
hospital</source>
        <translation>In
hospital</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/timeline_table.py" line="161" />
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/infusion/timeline_table.py" line="165" />
        <source>Infusion</source>
        <translation>Infusion</translation>
    </message>
</context>
<context>
    <name>TriState</name>
    <message>
        <location filename="../../interfant_desktop/ui/pages/widgets_common.py" line="33" />
        <source>Not recorded</source>
        <translation>Not recorded</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/widgets_common.py" line="34" />
        <source>Yes</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/pages/widgets_common.py" line="35" />
        <source>No</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>UiBackend</name>
    <message>
        <location filename="../../interfant_desktop/ui/backend.py" line="329" />
        <source>{at:%Y-%m-%d %H:%M} UTC {meaning} by {by}</source>
        <extracomment>What the GUI catches and shows: every refusal of the services, with its structure. each of ``attention`` in a few words, for the list's cell (the tooltip has them in full) the engine's eligibility status: eligible, ineligible or incomplete the engine's parsed case: what the pages show and the engine evaluates the same record in case-file form, the baseline an edit is merged into (edits go to the services in case-file form and are validated there, once) confirmation key (criterion, or EXC7.steroids / EXC7.chemo) -&gt; "answer, by whom, when: evidence" allergy status (not in the case): None = not recorded, True = no known allergies the audit event itself (its values left out when ``hidden``), for grouping by action HOLD / DISCONTINUED / SUPERSEDED with who, when and why (None otherwise) the signatures and transitions, one line each, oldest first each of ``attention`` in a few words (same order): what the list's cell shows first the database as this workstation is configured to reach it, used until sign-in (None: a PostgreSQL URL without a user name, reached only as a signed-in user) the store of the signed-in user: on a PostgreSQL database with per-user login roles their own role's connection (``services.db_login``), else the door hand-over answers ("discard my unsaved changes") waiting for a store to be written to: with no door, the next user's sign-in opens one set by ``close``: the list and the workspace start no more store work the phase starts read with the patient (``load_patient``), for the roadmap page</extracomment>
        <translation>{at:%Y-%m-%d %H:%M} UTC {meaning} by {by}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/backend.py" line="387" />
        <source>{answer} — confirmed by {by} {at:%Y-%m-%d %H:%M} UTC: {evidence}</source>
        <translation>{answer} — confirmed by {by} {at:%Y-%m-%d %H:%M} UTC: {evidence}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/backend.py" line="394" />
        <source>stored data of {study_id} is not valid</source>
        <translation>stored data of {study_id} is not valid</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/backend.py" line="622" />
        <source>not recorded</source>
        <translation>not recorded</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/backend.py" line="623" />
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/backend.py" line="623" />
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/backend.py" line="670" />
        <source>Ineligible: fails {ids}</source>
        <translation>Ineligible: fails {ids}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/backend.py" line="672" />
        <source>Not yet known: {ids}</source>
        <translation>Not yet known: {ids}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/backend.py" line="674" />
        <source>{n} criteria not yet known</source>
        <translation>{n} criteria not yet known</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/backend.py" line="678" />
        <source> or </source>
        <translation> or </translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/backend.py" line="679" />
        <source>Review: {rule} ({choices})</source>
        <translation>Review: {rule} ({choices})</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/backend.py" line="680" />
        <source>Review: {rule}</source>
        <translation>Review: {rule}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/backend.py" line="687" />
        <source>order #{id} (cycle {cycle}) awaiting verification</source>
        <translation>order #{id} (cycle {cycle}) awaiting verification</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/backend.py" line="688" />
        <source>Order #{id} awaiting verification</source>
        <translation>Order #{id} awaiting verification</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/backend.py" line="690" />
        <source>order #{id} (cycle {cycle}) stale: data changed</source>
        <translation>order #{id} (cycle {cycle}) stale: data changed</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/backend.py" line="691" />
        <source>Order #{id} stale: data changed</source>
        <translation>Order #{id} stale: data changed</translation>
    </message>
</context>
<context>
    <name>UnsavedChangesBox</name>
    <message>
        <location filename="../../interfant_desktop/ui/unsaved.py" line="102" />
        <source>a field</source>
        <extracomment>a field's value as far as "was it changed?" is concerned</extracomment>
        <translation>a field</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/unsaved.py" line="118" />
        <source>Unsaved changes</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/unsaved.py" line="119" />
        <source>You have changes for {patient} that are not saved yet.</source>
        <translation>You have changes for {patient} that are not saved yet.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/unsaved.py" line="121" />
        <source>Not saved: {where}.

Save them before {action}?</source>
        <translation>Not saved: {where}.

Save them before {action}?</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/unsaved.py" line="123" />
        <source>&amp;Save</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/unsaved.py" line="124" />
        <source>&amp;Discard</source>
        <translation>&amp;Discard</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/unsaved.py" line="125" />
        <source>&amp;Cancel</source>
        <translation>&amp;Cancel</translation>
    </message>
</context>
<context>
    <name>UserForm</name>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="41" />
        <source>data manager</source>
        <translation>data manager</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="43" />
        <source>administrator</source>
        <translation>administrator</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="44" />
        <source>physician</source>
        <translation>physician</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="45" />
        <source>pharmacist</source>
        <translation>pharmacist</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="46" />
        <source>nurse</source>
        <translation>nurse</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="47" />
        <source>data manager (read and export only)</source>
        <translation>data manager (read and export only)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="66" />
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="99" />
        <source>Password rules</source>
        <translation>Password rules</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="104" />
        <source>Re&amp;peat password *</source>
        <translation>Re&amp;peat password *</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="106" />
        <source>Repeat password</source>
        <translation>Repeat password</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="111" />
        <source>At least {count} characters, not the user name, not a common password.</source>
        <translation>At least {count} characters, not the user name, not a common password.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="115" />
        <source>Rule: {rule}</source>
        <translation>Rule: {rule}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="183" />
        <source>the two passwords differ; type the same password twice</source>
        <translation>the two passwords differ; type the same password twice</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="194" />
        <source>&amp;Your password *</source>
        <translation>&amp;Your password *</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="195" />
        <source>Your password, to certify the user's signing key</source>
        <translation>Your password, to certify the user's signing key</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="200" />
        <source>enter your own password: it certifies the user's signing key</source>
        <translation>enter your own password: it certifies the user's signing key</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="346" />
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="358" />
        <source>Users</source>
        <translation>Users</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="348" />
        <source>Users of this database</source>
        <translation>Users of this database</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="351" />
        <source>Database: {where}</source>
        <translation>Database: {where}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="356" />
        <source>User name</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="356" />
        <source>Full name</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="356" />
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="356" />
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="357" />
        <source>Locked</source>
        <translation>Locked</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="372" />
        <source>&amp;Add user…</source>
        <translation>&amp;Add user…</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="373" />
        <source>&amp;Reset password…</source>
        <translation>&amp;Reset password…</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="374" />
        <source>U&amp;nlock</source>
        <translation>U&amp;nlock</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="375" />
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="452" />
        <source>&amp;Deactivate</source>
        <translation>&amp;Deactivate</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="377" />
        <source>Add a user</source>
        <translation>Add a user</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="378" />
        <source>Reset the selected user's password</source>
        <translation>Reset the selected user's password</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="380" />
        <source>Unlock the selected user</source>
        <translation>Unlock the selected user</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="381" />
        <source>Deactivate or reactivate the selected user</source>
        <translation>Deactivate or reactivate the selected user</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="390" />
        <source>Result of the last action</source>
        <translation>Result of the last action</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="393" />
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="395" />
        <source>Accounts are never deleted, so the audit trail keeps its authors: deactivate an account that is no longer used.</source>
        <translation>Accounts are never deleted, so the audit trail keeps its authors: deactivate an account that is no longer used.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="400" />
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="416" />
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="416" />
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="420" />
        <source>yes — locked</source>
        <translation>yes — locked</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="451" />
        <source>R&amp;eactivate</source>
        <translation>R&amp;eactivate</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="462" />
        <source>✖ Not done: {reason}</source>
        <translation>✖ Not done: {reason}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="469" />
        <source>User {user} added.</source>
        <translation>User {user} added.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="477" />
        <source>Temporary password set for {user}; the account is unlocked.</source>
        <translation>Temporary password set for {user}; the account is unlocked.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="489" />
        <source>{user} is unlocked.</source>
        <translation>{user} is unlocked.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="500" />
        <source>{user} is deactivated and can no longer sign in.</source>
        <translation>{user} is deactivated and can no longer sign in.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/users_dialog.py" line="501" />
        <source>{user} is active again.</source>
        <translation>{user} is active again.</translation>
    </message>
</context>
<context>
    <name>VerifyOrderDialog</name>
    <message>
        <location filename="../../interfant_desktop/ui/orders/verify_dialog.py" line="36" />
        <source>Verify order {code}</source>
        <translation>Verify order {code}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/verify_dialog.py" line="40" />
        <source>&lt;b&gt;{name}&lt;/b&gt; · {mrn} · study ID {study} · born {dob}&lt;br/&gt;Blinatumomab cycle {cycle}, signed by {prescriber}</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; · {mrn} · study ID {study} · born {dob}&lt;br/&gt;Blinatumomab cycle {cycle}, signed by {prescriber}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/verify_dialog.py" line="42" />
        <source>name not recorded</source>
        <translation>name not recorded</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/verify_dialog.py" line="43" />
        <source>MRN {number}</source>
        <translation>MRN {number}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/verify_dialog.py" line="44" />
        <source>no hospital number</source>
        <translation>no hospital number</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/verify_dialog.py" line="50" />
        <source>Measure or look up the weight and height yourself and enter them. The app computes BSA and doses from your values and compares them with the signed order; the prescriber's values stay hidden.</source>
        <translation>Measure or look up the weight and height yourself and enter them. The app computes BSA and doses from your values and compares them with the signed order; the prescriber's values stay hidden.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/verify_dialog.py" line="56" />
        <source>Re-entered weight in kg</source>
        <translation>Re-entered weight in kg</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/verify_dialog.py" line="56" />
        <source>kg</source>
        <translation>kg</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/verify_dialog.py" line="57" />
        <source>Re-entered height in cm</source>
        <translation>Re-entered height in cm</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/verify_dialog.py" line="57" />
        <source>cm</source>
        <translation>cm</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/verify_dialog.py" line="58" />
        <source>Your password, to sign the verification</source>
        <translation>Your password, to sign the verification</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/verify_dialog.py" line="59" />
        <source>&amp;Weight (kg)</source>
        <translation>&amp;Weight (kg)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/verify_dialog.py" line="60" />
        <source>&amp;Height (cm)</source>
        <translation>&amp;Height (cm)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/verify_dialog.py" line="61" />
        <source>Your &amp;password (electronic signature: verified)</source>
        <translation>Your &amp;password (electronic signature: verified)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/verify_dialog.py" line="68" />
        <source>Verification result</source>
        <translation>Verification result</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/verify_dialog.py" line="73" />
        <source>&amp;Verify</source>
        <translation>&amp;Verify</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/verify_dialog.py" line="75" />
        <source>Verify the order with these values</source>
        <translation>Verify the order with these values</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/verify_dialog.py" line="89" />
        <source>✖ Enter the weight in kg and the height in cm as numbers.</source>
        <translation>✖ Enter the weight in kg and the height in cm as numbers.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/verify_dialog.py" line="92" />
        <source>✖ Enter your password: it signs the verification.</source>
        <translation>✖ Enter your password: it signs the verification.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/orders/verify_dialog.py" line="99" />
        <source>✖ Mismatch — the order is NOT verified.
{diff}
Measure again, or resolve it with the prescriber.</source>
        <translation>✖ Mismatch — the order is NOT verified.
{diff}
Measure again, or resolve it with the prescriber.</translation>
    </message>
</context>
<context>
    <name>_ValueEditor</name>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="237" />
        <source>No known allergies</source>
        <translation>No known allergies</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="244" />
        <source>choose…</source>
        <translation>choose…</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="245" />
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="277" />
        <source>New value of {fact}</source>
        <translation>New value of {fact}</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="246" />
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="279" />
        <source>New &amp;value</source>
        <translation>New &amp;value</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="251" />
        <source>Value in %</source>
        <translation>Value in %</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="252" />
        <source>Undetectable</source>
        <translation>Undetectable</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="253" />
        <source>Positive, not quantifiable</source>
        <translation>Positive, not quantifiable</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="260" />
        <source>&amp;Time point</source>
        <translation>&amp;Time point</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="261" />
        <source>Sample &amp;date</source>
        <translation>Sample &amp;date</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="262" />
        <source>&amp;Kind of result</source>
        <translation>&amp;Kind of result</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="263" />
        <source>&amp;Value or quantitative range (%)</source>
        <translation>&amp;Value or quantitative range (%)</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="271" />
        <source>Allergies</source>
        <translation>Allergies</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="273" />
        <source>&amp;Allergies</source>
        <translation>&amp;Allergies</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="276" />
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="287" />
        <source>Choose the new value.</source>
        <translation>Choose the new value.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="294" />
        <source>Enter a number.</source>
        <translation>Enter a number.</translation>
    </message>
    <message>
        <location filename="../../interfant_desktop/ui/dialogs/correction_dialog.py" line="311" />
        <source>Enter the MRD value in % of nucleated cells (0–100).</source>
        <translation>Enter the MRD value in % of nucleated cells (0–100).</translation>
    </message>
</context>
</TS>
