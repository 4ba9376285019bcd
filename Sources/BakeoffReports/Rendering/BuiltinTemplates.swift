/// Built-in copies of templates/*.mustache, used when a project has no templates folder.
/// Kept identical to templates/ by a test; `RECORD_SNAPSHOTS=1 swift test` rewrites this file from them.
enum BuiltinTemplates {
    static let all: [String: String] = [
        "index": index,
        "stage": stage,
        "evidence": evidence,
        "stack": stack,
        "whatif": whatif,
        "header": header,
        "footer": footer,
        "style": style,
        "deck": deck,
        "checkin": checkin,
        "marp": marp,
        "qa": qa,
        "peer-review": peerReview,
        "timing": timing,
    ]

    static let index = #"""
{{>header}}
<h1>{{team.name}}: our ML platform stack, chosen on evidence</h1>
<p class="lead">{{team.product}}</p>
<p>{{team.company}} company, serving {{team.dataScienceTeam}} data scientists. Team: <bdi>{{team.members}}</bdi>.</p>

<section class="card recommendation" aria-labelledby="verdict">
<h2 id="verdict" class="in-card">What we recommend, and how sure we are</h2>
{{#hasWinners}}<p>{{headline}}</p>{{/hasWinners}}
{{#stackNote}}<p>{{.}} <a href="{{stackHref}}">Why, pair by pair</a>.</p>{{/stackNote}}
{{^hasWinners}}<p class="unknown">No recommendation yet: no candidate has evidence. Run <code>bakeoff run</code>, then <code>bakeoff build</code>.</p>{{/hasWinners}}
</section>

<h2 id="stages">Per stage</h2>
<table class="stages">
<thead><tr><th scope="col">Stage</th><th scope="col">Recommended</th><th scope="col">What decided it</th><th scope="col">Runner-up</th><th scope="col">Margin</th><th scope="col">Win probability</th><th scope="col">Confidence</th></tr></thead>
<tbody>
{{#stages}}
<tr>
<th scope="row"><a href="{{href}}">{{title}}</a><br><span class="muted small"><bdi>{{candidates}}</bdi>; {{evidence}}</span></th>
<td>{{#winner}}<a href="{{href}}#verdict"><strong><bdi>{{winner}}</bdi></strong></a> <a href="{{href}}#compare">{{winnerScore}}</a>{{#stepsDone}}<br><span class="muted small">{{.}}</span>{{/stepsDone}}{{/winner}}{{^winner}}<span class="unknown">{{unknown}}</span>{{/winner}}</td>
<td>{{#decidedBy}}<a href="{{decidedByHref}}">{{.}}</a>{{/decidedBy}}{{^decidedBy}}<span class="unknown">{{#why}}{{.}}{{/why}}{{^why}}{{unknown}}{{/why}}</span>{{/decidedBy}}{{#decidedBy}}{{#why}}<br><span class="muted small">{{.}}</span>{{/why}}{{/decidedBy}}</td>
<td>{{#runnerUp}}<bdi>{{runnerUp}}</bdi> <a href="{{href}}#compare">{{runnerUpScore}}</a>{{/runnerUp}}{{^runnerUp}}<span class="unknown">{{unknown}}</span>{{/runnerUp}}</td>
<td class="num"><a href="{{href}}#compare">{{margin}}</a></td>
<td class="num"><a href="{{href}}#sensitivity">{{winProbability}}</a></td>
<td>{{#winner}}<span class="badge conf-{{confidenceLevel}}">{{confidenceLevel}}</span><br><span class="muted small">{{confidence}}</span>{{/winner}}{{^winner}}<span class="unknown">{{unknown}}</span>{{/winner}}</td>
</tr>
{{/stages}}
</tbody>
</table>
<p class="muted">How: every candidate runs the stage&#39;s scripted scenario on the same machine (wall time, memory, which steps it completes) and is described by sourced, dated facts (licence, pricing, releases, integrations); both become 0–10 scores on five criteria, weighted by the profile below. Scores are out of 10. What decided it: the measurement that gave the winner most of its lead over the runner-up (a sourced fact when no measurement did), winner first. Margin: winner&#39;s total minus the runner-up&#39;s. Win probability: share of {{samples}} randomly perturbed weightings (Dirichlet around the profile) in which the winner stays first. Confidence: the lowest of what the evidence supports — the share of the weight known (high from 90 %, medium from 60 %), the winner doing every scenario step, the deciding measurement lying outside the noise, the win probability (high from 80 %, low under 50 %), no tie inside the noise, no warning about the evidence set, and a verdict that is not provisional (no candidate would overtake with its unknowns at their best).</p>

<h2 id="architecture">The recommended stack</h2>
<figure>
<img src="{{architecture.svg}}" alt="{{architecture.alt}}">
<figcaption>Data flows left to right; monitoring feeds retraining back (dashed red); CI/CD tests and deploys the code (dotted blue). Each box names the recommended tool and, smaller, the runner-up (or the stage&#39;s own winner where the whole stack takes another tool).{{#stackHref}} An arrow between two picks is marked ✓ when a run verified their hand-off, ✗ when it ran and failed, ? when it was not run (<a href="{{.}}">the stack page</a>).{{/stackHref}} Also as <a href="{{architecture.mermaid}}">Mermaid</a>.</figcaption>
</figure>

<h2 id="profile">The profile: {{profile.title}}</h2>
<p>{{profile.description}}{{#profile.overridden}} <strong>Weights overridden on the command line.</strong>{{/profile.overridden}}</p>
<table>
<thead><tr><th scope="col">Criterion</th><th scope="col">Weight</th><th scope="col">Why</th><th scope="col">What it measures</th></tr></thead>
<tbody>
{{#profile.weights}}
<tr><td>{{title}}</td><td class="num">{{weight}}</td><td>{{why}}</td><td>{{description}}</td></tr>
{{/profile.weights}}
</tbody>
</table>
<p><a href="whatif.html">What if the weights were different?</a> Move them yourself and every stage is ranked again on the spot.</p>

<h2 id="evidence">Evidence</h2>
<p>{{evidenceSummary}} See <a href="evidence.html">every run, its machine and its packages</a>.</p>
{{>footer}}

"""#

    static let stage = #"""
{{>header}}
<h1>{{title}}</h1>
<p class="lead">{{question}}</p>

<section class="card recommendation" id="verdict" aria-labelledby="verdict-title">
<h2 id="verdict-title" class="in-card">Verdict {{#confidence}}<span class="badge conf-{{confidenceLevel}}">{{confidence}}</span>{{/confidence}}</h2>
{{{verdict}}}
{{#confidence}}<p class="muted basis">{{confidenceBasis}}</p>{{/confidence}}
</section>

<figure id="{{decidingChart.anchor}}" class="deciding">
<img src="{{decidingChart.src}}" alt="{{decidingChart.alt}}">
<figcaption>{{decidingChart.caption}}</figcaption>
</figure>

<h2 id="compare">Side by side</h2>
{{#compare.hasColumns}}
<table class="compare">
<thead><tr><th scope="col"></th>{{#compare.heads}}<th scope="col"{{#winner}} class="winner"{{/winner}}><bdi>{{name}}</bdi>{{#winner}} <span class="badge">recommended</span>{{/winner}}</th>{{/compare.heads}}</tr></thead>
<tbody>
{{#compare.rows}}<tr><th scope="row">{{label}}{{#note}}<br><span class="muted small">{{note}}</span>{{/note}}</th>{{#cells}}<td{{#best}} class="best"{{/best}}>{{#href}}<a href="{{href}}"{{#hover}} title="{{hover}}"{{/hover}}>{{text}}</a>{{/href}}{{^href}}<span{{#hover}} title="{{hover}}"{{/hover}}>{{text}}</span>{{/href}}</td>{{/cells}}</tr>
{{/compare.rows}}
</tbody>
</table>
<p class="muted small">Best value on each row in bold. Every value links to its run, fact or cost line; hover for the whole run id or the fact&#39;s date and source.</p>
{{/compare.hasColumns}}
{{^compare.hasColumns}}<p class="unknown">No candidate has been scored yet.</p>{{/compare.hasColumns}}

<h2 id="detail">The detail</h2>

<details id="reasoning">
<summary>How the verdict was reached</summary>
{{{rationale}}}
</details>

<details id="scores-section">
<summary>Scores by criterion</summary>
<table id="scores">
<thead><tr><th scope="col">Rank</th><th scope="col">Tool</th><th scope="col">Total</th>{{#scoreHeader}}<th scope="col">{{title}} <span class="muted">({{weight}})</span></th>{{/scoreHeader}}</tr></thead>
<tbody>
{{#scores}}<tr><td class="num">{{rank}}</td><td><bdi>{{tool}}</bdi>{{#note}}<br><span class="muted">{{note}}</span>{{/note}}</td><td class="num"><a href="#{{totalAnchor}}"><strong>{{total}}</strong></a></td>{{#cells}}<td class="num"><a href="#{{anchor}}">{{score}}</a><br><span class="muted">{{known}}</span></td>{{/cells}}</tr>
{{/scores}}
</tbody>
</table>
<p class="muted">Scores are 0–10. A criterion with no known indicator is left out of the total and the remaining weights renormalized; it is never counted as zero. Below each score: known indicators out of all.</p>
{{#scoreCharts}}
<figure id="{{anchor}}">
<img src="{{src}}" alt="{{alt}}">
<figcaption>{{caption}}</figcaption>
</figure>
{{/scoreCharts}}
</details>

<details id="scenario">
<summary>Scenario</summary>
{{#scenario}}
{{{description}}}
{{#hasParameters}}
<table>
<thead><tr><th scope="col">Parameter</th><th scope="col">Value</th><th scope="col">Meaning</th></tr></thead>
<tbody>{{#parameters}}<tr><td><code>{{name}}</code></td><td class="num">{{value}}</td><td>{{description}}</td></tr>
{{/parameters}}</tbody>
</table>
{{/hasParameters}}
<ol>
{{#steps}}<li id="{{anchor}}"><strong>{{title}}</strong> <code>{{id}}</code>: {{description}} <span class="muted">(timeout {{timeout}})</span></li>
{{/steps}}
</ol>
{{/scenario}}
{{^scenario}}<p class="unknown">No scenario yet: this stage is compared on sourced facts only.</p>{{/scenario}}
</details>

<details id="results">
<summary>Per-step results</summary>
{{^hasResults}}<p class="unknown">No evidence yet: no step of this stage has been run.</p>{{/hasResults}}
{{#hasResults}}
<p class="muted">Median and range over warm repetitions (the first, cold, repetition is shown apart); n is the number of repetitions counted. Each figure links to its observations.</p>
<table>
<thead><tr><th scope="col">Step</th><th scope="col">Tool</th><th scope="col">Status</th><th scope="col">Median wall</th><th scope="col">Spread (min–max)</th><th scope="col">n</th><th scope="col">Cold run</th><th scope="col">Peak memory</th></tr></thead>
<tbody>
{{#results}}<tr><td>{{step}}</td><td><bdi>{{tool}}</bdi></td><td class="status-{{statusClass}}">{{status}}</td><td class="num"><a href="{{href}}">{{median}}</a></td><td class="num">{{spread}}</td><td class="num">{{n}}</td><td class="num">{{cold}}</td><td class="num">{{memory}}</td></tr>
{{/results}}
</tbody>
</table>
{{/hasResults}}
{{#stepCharts}}
<figure id="{{anchor}}">
<img src="{{src}}" alt="{{alt}}">
<figcaption>{{caption}}</figcaption>
</figure>
{{/stepCharts}}
</details>

<details id="capability">
<summary>Capability matrix</summary>
{{#capability.hasSteps}}
<table>
<thead><tr><th scope="col">Step</th>{{#capability.tools}}<th scope="col"><bdi>{{.}}</bdi></th>{{/capability.tools}}</tr></thead>
<tbody>
{{#capability.rows}}<tr><th scope="row">{{step}}</th>{{#cells}}<td class="status-{{statusClass}}">{{#href}}<a href="{{href}}">{{text}}</a>{{/href}}{{^href}}{{text}}{{/href}}</td>{{/cells}}</tr>
{{/capability.rows}}
</tbody>
</table>
{{/capability.hasSteps}}
{{^capability.hasSteps}}<p class="unknown">No scenario steps.</p>{{/capability.hasSteps}}
</details>

<details id="indicators">
<summary>Indicators</summary>
<table>
<thead><tr><th scope="col">Tool</th><th scope="col">Criterion</th><th scope="col">Indicator</th><th scope="col">Value</th><th scope="col">Score</th><th scope="col">Evidence</th></tr></thead>
<tbody>
{{#indicators}}<tr id="{{anchor}}"><td><bdi>{{tool}}</bdi></td><td>{{criterion}}</td><td>{{indicator}}</td><td class="num">{{value}}{{#spread}}<br><span class="muted">{{spread}}</span>{{/spread}}</td><td class="num">{{score}}</td><td>{{#links}}<a href="{{href}}" title="{{hover}}">{{label}}</a> {{/links}}{{^links}}<span class="unknown">none</span>{{/links}}</td></tr>
{{/indicators}}
</tbody>
</table>
</details>

<details id="facts">
<summary>Facts per candidate</summary>
{{#candidates}}
<p id="{{anchor}}"><strong><bdi>{{name}}</bdi></strong>{{#homepage}} (<a href="{{homepage}}" rel="noopener">homepage</a>){{/homepage}}{{#summary}}: {{summary}}{{/summary}} <span class="muted">Assessed by {{assessors}}.</span></p>
{{/candidates}}
{{#hasFacts}}
<table class="facts">
<thead><tr><th scope="col">Fact</th>{{#facts.tools}}<th scope="col"><bdi>{{.}}</bdi></th>{{/facts.tools}}</tr></thead>
<tbody>
{{#facts.rows}}<tr><th scope="row">{{label}}</th>{{#cells}}<td id="{{anchor}}">{{#footnote}}<span title="{{hover}}">{{value}}</span><sup><a href="#{{footnoteAnchor}}">{{.}}</a></sup>{{/footnote}}{{^footnote}}<span class="unknown">{{value}}</span>{{/footnote}}</td>{{/cells}}</tr>
{{/facts.rows}}
</tbody>
</table>
<ol class="sources">
{{#facts.notes}}<li id="{{anchor}}"><bdi>{{tool}}</bdi>, {{label}}: {{#url}}<a href="{{url}}" rel="noopener">{{host}}</a>{{/url}}{{^url}}{{source}}{{/url}}, as of {{asOf}}.{{#note}} <span class="muted">{{.}}</span>{{/note}}</li>
{{/facts.notes}}
</ol>
{{/hasFacts}}
{{^hasFacts}}<p class="unknown">No sourced facts yet.</p>{{/hasFacts}}
{{#comparisons}}
<h3 id="{{anchor}}">{{title}}</h3>
<table>
<thead><tr><th scope="col">Option</th>{{#columns}}<th scope="col">{{.}}</th>{{/columns}}</tr></thead>
<tbody>
{{#rows}}<tr><th scope="row"><bdi>{{name}}</bdi></th>{{#cells}}<td>{{#url}}<a href="{{url}}" rel="noopener" title="as of {{asOf}}">{{value}}</a>{{/url}}{{^url}}{{value}}{{/url}}</td>{{/cells}}</tr>
{{/rows}}
</tbody>
</table>
{{/comparisons}}
</details>

<details id="cost">
<summary>Cost of ownership</summary>
{{#costs}}
<section id="{{anchor}}">
<h3><bdi>{{tool}}</bdi>: {{total}} over {{horizon}} months</h3>
<table>
<thead><tr><th scope="col">Item</th><th scope="col">How</th><th scope="col">Amount</th></tr></thead>
<tbody>{{#lines}}<tr><td>{{item}}</td><td>{{formula}}</td><td class="num"><a href="evidence.html#cost-model">{{amount}}</a></td></tr>
{{/lines}}</tbody>
</table>
</section>
{{/costs}}
{{^costs}}<p class="unknown">No cost breakdown yet: no pricing facts.</p>{{/costs}}
</details>

<details id="sensitivity">
<summary>Sensitivity</summary>
<p><a href="whatif.html">Move the weights yourself</a>: every stage is ranked again on the spot.</p>
{{#sensitivity}}
<p>{{summary}}</p>
<table>
<thead><tr><th scope="col">Criterion</th><th scope="col">Weight now</th><th scope="col">Winner changes at</th><th scope="col">New winner</th></tr></thead>
<tbody>{{#flips}}<tr><td>{{criterion}}{{#critical}} <span class="badge">most critical</span>{{/critical}}</td><td class="num">{{weight}}</td><td class="num">{{flipsAt}}</td><td><bdi>{{newWinner}}</bdi></td></tr>
{{/flips}}</tbody>
</table>
<table>
<thead><tr><th scope="col">Tool</th><th scope="col">Win probability</th></tr></thead>
<tbody>{{#probabilities}}<tr><td><bdi>{{tool}}</bdi></td><td class="num">{{probability}}</td></tr>
{{/probabilities}}</tbody>
</table>
{{/sensitivity}}
{{^sensitivity}}<p class="unknown">No sensitivity analysis yet: it needs at least one ranked candidate.</p>{{/sensitivity}}
{{#sensitivityCharts}}
<figure id="{{anchor}}">
<img src="{{src}}" alt="{{alt}}">
<figcaption>{{caption}}</figcaption>
</figure>
{{/sensitivityCharts}}
</details>
{{>footer}}

"""#

    static let evidence = #"""
{{>header}}
<h1>Evidence</h1>
<p class="lead">The runs the verdicts read, with their provenance and installed packages; every observation behind a measured number; the cost model&#39;s assumptions; and the other recorded runs by id (every one in data/runs.csv).</p>

<h2 id="runs">Runs the verdicts read</h2>
{{^runs}}{{^hasOtherRuns}}<p class="unknown">No evidence yet: no run has been recorded. <code>bakeoff run</code> executes the scenarios and writes <code>evidence/runs/</code>.</p>{{/hasOtherRuns}}{{#hasOtherRuns}}<p class="unknown">No verdict reads a recorded run: none of the runs below measured a candidate of an assessed stage or a pair of an integration.</p>{{/hasOtherRuns}}{{/runs}}
{{#runs}}
<section class="card" id="{{anchor}}">
<h3>Run <code>{{id}}</code> <span class="badge">{{status}}</span></h3>
<table>
<tbody>
{{#provenance}}<tr><th scope="row">{{key}}</th><td>{{value}}</td></tr>
{{/provenance}}
</tbody>
</table>
<h4>Environments</h4>
{{^environments}}<p class="unknown">No environment recorded.</p>{{/environments}}
{{#environments}}
<details id="{{anchor}}"><summary><bdi>{{tool}}</bdi> ({{stage}}): {{kind}}, version {{version}}, {{packageCount}} packages, {{size}}, install {{install}}</summary>
<p>Lock hash <code>{{lockHash}}</code></p>
<ul class="packages">{{#packages}}<li>{{.}}</li>{{/packages}}</ul>
</details>
{{/environments}}
</section>
{{/runs}}

<h2 id="observations">Observations by step</h2>
{{^measurements}}<p class="unknown">No evidence yet.</p>{{/measurements}}
{{#measurements}}
<section id="{{anchor}}">
<h3>{{stageTitle}}: <bdi>{{toolName}}</bdi>, {{stepTitle}}</h3>
<table>
<thead><tr><th scope="col">Run</th><th scope="col">Repetition</th><th scope="col">Status</th><th scope="col">Wall</th><th scope="col">CPU</th><th scope="col">Peak memory</th><th scope="col">Exit</th><th scope="col">Metrics</th><th scope="col">Reason</th></tr></thead>
<tbody>
{{#rows}}<tr><td><a href="#{{runAnchor}}"><code>{{run}}</code></a></td><td class="num">{{repetition}}</td><td class="status-{{status}}">{{status}}</td><td class="num">{{wall}}</td><td class="num">{{cpu}}</td><td class="num">{{memory}}</td><td class="num">{{exit}}</td><td>{{metrics}}</td><td>{{reason}}</td></tr>
{{/rows}}
</tbody>
</table>
</section>
{{/measurements}}

<h2 id="cost-model">Cost model</h2>
<p>Horizon: {{costModel.horizon}} months. {{costModel.basis}}</p>
<table>
<thead><tr><th scope="col">Company</th><th scope="col">Seats</th><th scope="col">Hourly rate</th><th scope="col">Server per month</th><th scope="col">Ops hours per month</th></tr></thead>
<tbody>
{{#costModel.rows}}<tr><td>{{company}}{{#current}} (this team){{/current}}</td><td class="num">{{seats}}</td><td class="num">{{rate}}</td><td class="num">{{server}}</td><td class="num">{{ops}}</td></tr>
{{/costModel.rows}}
</tbody>
</table>

<h2 id="other-runs">Other runs</h2>
{{^hasOtherRuns}}
<p>None: the verdicts read every recorded run.</p>
{{/hasOtherRuns}}
{{#hasOtherRuns}}
<p>Recorded runs no verdict reads (older, passed over for a newer or a complete one, or of tools and stages not assessed), oldest first, by id; <code>bakeoff evidence list</code> prints the same.{{#hasHiddenRuns}} There are {{otherRunCount}}: the {{shownRuns}} newest are listed here, and <a href="../data/runs.csv">data/runs.csv</a> lists every recorded run.{{/hasHiddenRuns}}</p>
<table>
<thead><tr><th scope="col">Run</th><th scope="col">Started</th><th scope="col">Status</th><th scope="col">Stages and tools</th></tr></thead>
<tbody>
{{#otherRuns}}<tr id="{{anchor}}"><td>{{id}}</td><td>{{started}}</td><td>{{status}}</td><td>{{measured}}</td></tr>
{{/otherRuns}}
</tbody>
</table>
{{/hasOtherRuns}}
{{>footer}}

"""#

    static let stack = #"""
{{>header}}
<h1>Does the stack play nice together?</h1>
<p class="lead">Each stage's winner was chosen alone. Here the tools of neighbouring stages are installed in one environment and made to hand data to each other, scripted and checked like every scenario; the stack is then chosen with those results counted in interoperability.</p>

<h2 id="choice">The stack we choose</h2>
{{^hasChoice}}<p class="unknown">No stack choice: {{problem}}.</p>{{/hasChoice}}
{{#hasChoice}}
<table>
<thead><tr><th scope="col">Stage</th><th scope="col">Tool</th><th scope="col">Score alone</th><th scope="col">Score in the stack</th><th scope="col">Interoperability in the stack</th><th scope="col">Stage winner</th></tr></thead>
<tbody>
{{#members}}<tr><td><a href="{{href}}">{{stage}}</a></td><td><bdi>{{tool}}</bdi></td><td class="num">{{alone}}</td><td class="num">{{inStack}}</td><td class="num">{{interoperability}}</td><td>{{#winner}}<bdi>{{.}}</bdi> (differs){{/winner}}{{^winner}}same{{/winner}}</td></tr>
{{/members}}
</tbody>
</table>
<p>Stack total {{total}} out of 10 (the mean of the in-stack scores); the stage winners together score {{winnersTotal}}. The same stack stays best in {{robustness}} drawn around the profile's weights.</p>
<p>Installs together in one environment (<code>bakeoff stack check</code>): {{installs}}.{{#winnersInstall}} The stage winners: {{.}}.{{/winnersInstall}}</p>
{{#sameAsWinners}}<p>The stage winners are also the best stack.</p>{{/sameAsWinners}}
{{#differences}}<p class="card">In {{stage}} the stack takes <bdi>{{chosen}}</bdi> instead of the stage winner <bdi>{{winner}}</bdi>: {{why}}.</p>
{{/differences}}
{{#hasNext}}<p>Next best stacks: {{#next}}<bdi>{{.}}</bdi>; {{/next}}</p>{{/hasNext}}
<p class="muted">A tool's interoperability in the stack is the mean of its own interoperability score and the values of its pairs with its neighbours (×10). A pair's value is the mean of what is known of it: installs together (1 or 0), the share of its hand-off steps that worked, and 1 when a sourced fact of either tool documents the other; a pair nobody ran or documented is left out, never counted as 0.</p>
{{/hasChoice}}

<h2 id="pairs">What was tried, and what worked</h2>
{{#integrations}}
<section class="card" id="{{anchor}}">
<h3>{{title}}: {{upstream}} → {{downstream}}</h3>
{{{description}}}
<p>Steps: {{steps}}. {{summary}}.</p>
<table>
<caption>Rows: {{upstream}}. Columns: {{downstream}}.</caption>
<thead><tr><td></td>{{#columns}}<th scope="col"><bdi>{{.}}</bdi></th>{{/columns}}</tr></thead>
<tbody>
{{#rows}}<tr><th scope="row"><bdi>{{tool}}</bdi></th>{{#cells}}<td class="pair pair-{{verdict}}"{{#basis}} title="{{.}}"{{/basis}}>{{#href}}<a href="{{href}}">{{label}}</a>{{/href}}{{^href}}{{label}}{{/href}}{{#detail}}<small>{{.}}</small>{{/detail}}</td>{{/cells}}</tr>
{{/rows}}
</tbody>
</table>
</section>
{{/integrations}}
{{^integrations}}<p class="unknown">No integration is defined: add integrations/&lt;id&gt;/integration.yaml.</p>{{/integrations}}
{{#unjoined}}<p class="muted">Not joined to a neighbour by an integration: {{.}}. CI/CD tools act on the code, not on the data, so they join the stack by installing together (<code>bakeoff stack check</code>) only.</p>{{/unjoined}}
{{>footer}}

"""#

    static let whatif = #"""
{{>header}}
<h1>What if the weights were different?</h1>
<p class="lead">Move a criterion&#39;s weight and every stage is ranked again on the spot, from the criterion scores this site was built with and by the rules of <code>bakeoff score</code>.</p>
<p id="whatif-status" class="card" role="status">Showing the recommendation&#39;s weights. Turn on JavaScript to move them; or run <code>{{command}}</code> with <code>--weight CRITERION=NUMBER</code>.</p>

<form id="whatif-form" hidden>
<p><label for="whatif-profile">Profile</label> <select id="whatif-profile">{{#profiles}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{title}}</option>{{/profiles}}</select> <button type="button" id="whatif-reset">Back to the recommendation</button></p>
<table>
<thead><tr><th scope="col">Criterion</th><th scope="col">Relative weight</th><th scope="col">Share of the total</th></tr></thead>
<tbody>
{{#weights}}<tr><th scope="row"><label for="w-{{anchor}}">{{title}}</label></th><td><input type="range" min="0" max="{{max}}" step="1" value="{{weight}}" data-criterion="{{index}}" aria-label="{{title}} weight slider"> <input type="number" id="w-{{anchor}}" min="0" step="any" value="{{weight}}" data-criterion="{{index}}" style="width:6em"></td><td class="num" data-share="{{index}}">{{share}}</td></tr>
{{/weights}}
</tbody>
</table>
<p>The same on the command line: <code id="whatif-command">{{command}}</code></p>
</form>

<h2 id="stages">Winner of each stage</h2>
<table id="whatif-stages">
<thead><tr><th scope="col">Stage</th><th scope="col">Winner (total out of 10)</th><th scope="col">Ranking</th><th scope="col">Flip points at these weights</th></tr></thead>
<tbody>
{{#stages}}
<tr data-stage="{{id}}"><td><a href="{{href}}">{{title}}</a></td>
<td>{{#winner}}<strong><bdi>{{.}}</bdi></strong> {{winnerTotal}}{{#tied}} <span class="badge conf-medium">tied with <bdi>{{.}}</bdi></span>{{/tied}}{{#challenger}} <span class="badge conf-low">provisional: <bdi>{{.}}</bdi> could overtake once its unknowns are known</span>{{/challenger}}{{/winner}}{{^winner}}<span class="unknown">{{unknown}}</span>{{/winner}}</td>
<td><ol class="ranking" style="margin:0;padding-left:1.3rem">{{#ranking}}<li><bdi>{{name}}</bdi> {{total}}</li>{{/ranking}}</ol>{{#unranked}}<p class="muted">Not ranked: <bdi>{{.}}</bdi></p>{{/unranked}}</td>
<td>{{#hasFlips}}<ul class="flips" style="margin:0;padding-left:1.3rem">{{#flips}}<li>{{#critical}}<strong>{{/critical}}{{criterion}} {{from}} → {{to}}: <bdi>{{newWinner}}</bdi>{{#critical}}</strong>{{/critical}}</li>{{/flips}}</ul>{{/hasFlips}}{{^hasFlips}}<span class="muted">none: no single weight change makes another candidate win</span>{{/hasFlips}}</td></tr>
{{/stages}}
</tbody>
</table>
<p class="muted">A flip point is where the stage&#39;s winner changes when that one weight moves and the others keep their proportions (shares of the total); the nearest one is in bold. An unknown counts at the worst score a candidate in the running has, as in <code>bakeoff score</code>; <em>provisional</em>: with its unknowns at the best score, another candidate would overtake the winner. <em>Tied</em>: totals equal to two decimals. Changed winners are marked against the recommendation.</p>

<h2 id="stack">The stack</h2>
<table id="whatif-stack">
<thead><tr><th scope="col">Stage</th><th scope="col">Winner at these weights</th>{{#hasStack}}<th scope="col">Recommended stack, <a href="{{stackHref}}">chosen as a whole</a></th>{{/hasStack}}</tr></thead>
<tbody>
{{#winners}}<tr data-stack-stage="{{id}}"><td>{{stage}}</td><td>{{#tool}}<bdi>{{.}}</bdi>{{/tool}}{{^tool}}<span class="unknown">no evidence yet</span>{{/tool}}</td>{{#hasStack}}<td>{{#chosen}}<bdi>{{.}}</bdi>{{/chosen}}</td>{{/hasStack}}</tr>
{{/winners}}
</tbody>
</table>
{{#hasStack}}<p class="muted">The recommended stack is chosen as a whole, with the hand-offs between neighbouring tools counted, at the recommendation&#39;s weights only: this page ranks each stage on its own. For other weights run <code>bakeoff score --stack</code> with the same <code>--weight</code> options.</p>{{/hasStack}}

<script type="application/json" id="whatif-data">{{{data}}}</script>
<script>{{{ranking}}}</script>
<script>{{{interface}}}</script>
{{>footer}}

"""#

    static let header = #"""
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="bakeoff {{site.version}}">
<title>{{pageTitle}} · {{site.team}}</title>
<style>
{{>style}}
</style>
</head>
<body>
<header class="site"><nav aria-label="Site">
<span class="brand">{{site.team}}</span>
{{#site.nav}}<a href="{{href}}"{{#current}} aria-current="page"{{/current}}>{{label}}</a>
{{/site.nav}}
</nav></header>
<main>

"""#

    static let footer = #"""
</main>
<footer class="site">
<p>Generated by <code>bakeoff build</code> {{site.version}} from the project&#39;s facts, scenarios and {{site.runCount}} recorded run(s), profile <code>{{site.profile}}</code>. Every number links to the evidence behind it.</p>
</footer>
</body>
</html>

"""#

    static let style = #"""
:root{color-scheme:light dark;--fg:#1f2328;--muted:#57606a;--bg:#ffffff;--panel:#f6f8fa;--line:#d0d7de;--accent:#0969da;--good:#1a7f37;--bad:#cf222e;--warn:#9a6700}
@media (prefers-color-scheme: dark){:root{--fg:#e6edf3;--muted:#9da7b3;--bg:#0d1117;--panel:#161b22;--line:#30363d;--accent:#58a6ff;--good:#3fb950;--bad:#f85149;--warn:#d29922}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI","DejaVu Sans",Helvetica,Arial,sans-serif}
header.site{border-bottom:1px solid var(--line);background:var(--panel)}
header.site nav{max-width:1180px;margin:0 auto;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:.2rem 1rem;align-items:baseline}
header.site .brand{font-weight:700;margin-right:.5rem}
header.site a{color:var(--fg);text-decoration:none}
header.site a[aria-current=page]{font-weight:700;border-bottom:2px solid var(--accent)}
main{max-width:1180px;margin:0 auto;padding:1rem 1rem 3rem;overflow-wrap:break-word}
h1{font-size:1.7rem;margin:.6rem 0 .3rem}h2{font-size:1.3rem;margin:2rem 0 .5rem;padding-top:.5rem;border-top:1px solid var(--line)}h3{font-size:1.05rem;margin:1.2rem 0 .4rem}
a{color:var(--accent)}
p.lead{font-size:1.1rem;color:var(--muted);margin-top:0}
.muted,.unknown{color:var(--muted)}.unknown{font-style:italic}
table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.92rem;display:block;overflow-x:auto;max-width:100%}
th,td{border:1px solid var(--line);padding:.3rem .55rem;text-align:left;vertical-align:top;overflow-wrap:break-word}
th{background:var(--panel)}
th,td a,td code{overflow-wrap:normal}thead th{white-space:nowrap}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.status-ok{color:var(--good)}.status-failed,.status-timeout{color:var(--bad);font-weight:600}.status-unsupported,.status-skipped{color:var(--warn)}.status-none{color:var(--muted);font-style:italic}
.pair-works{color:var(--good);font-weight:600}.pair-partial,.pair-unsupported,.pair-documented{color:var(--warn)}.pair-fails,.pair-conflicts{color:var(--bad);font-weight:600}.pair-untried{color:var(--muted);font-style:italic}td.pair small{display:block;color:var(--muted);font-weight:400;font-style:normal}
.card{background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:.8rem 1rem;margin:1rem 0}
.recommendation{border-left:4px solid var(--accent)}
.badge{display:inline-block;border:1px solid var(--line);border-radius:999px;padding:0 .55rem;font-size:.82rem;background:var(--bg)}
.conf-high{border-color:var(--good)}.conf-medium{border-color:var(--warn)}.conf-low,.conf-none{border-color:var(--bad)}
figure{margin:1rem 0}figure img{max-width:100%;height:auto;border:1px solid var(--line);border-radius:6px;background:#fff}
figcaption{color:var(--muted);font-size:.88rem}
details{margin:.3rem 0}summary{cursor:pointer}
main > details{border-top:1px solid var(--line);padding:.35rem 0}main > details > summary{font-size:1.1rem;font-weight:600;padding:.2rem 0}
main > details[open] > summary{margin-bottom:.5rem}
h2.in-card{border:0;margin-top:0;padding-top:0}
.small{font-size:.82rem}
.basis{margin-bottom:0}
figure.deciding img{border-color:var(--accent)}
table.compare th.winner{border-bottom:3px solid var(--accent)}table.compare td.best{font-weight:700}
table.compare th[scope=row],table.stages th[scope=row],table.facts th[scope=row]{font-weight:600;background:var(--panel);min-width:9rem}
th .muted{font-weight:400}
ol.sources{font-size:.85rem;color:var(--fg)}
@media (max-width:600px){
  body{font-size:14px}main{padding:.6rem .6rem 2rem}h1{font-size:1.35rem}
  th,td{padding:.25rem .4rem}
  table.compare th[scope=row],table.stages th[scope=row],table.facts th[scope=row]{position:sticky;left:0;z-index:1;min-width:6.5rem}
  header.site nav{gap:.1rem .7rem;font-size:.9rem}
}
ul.packages{columns:3 16rem;font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.8rem}
code{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.9em}
bdi{unicode-bidi:isolate}
:target{outline:2px solid var(--accent);outline-offset:2px}
footer.site{max-width:1180px;margin:0 auto;padding:1rem;color:var(--muted);font-size:.85rem;border-top:1px solid var(--line)}
@media print{
  :root{--fg:#000;--muted:#444;--bg:#fff;--panel:#f2f2f2;--line:#999;--accent:#000}
  body{font-size:10.5pt}header.site,footer.site nav{display:none}
  main{max-width:none;padding:0}
  h2{break-before:auto;break-after:avoid}table,figure,.card{break-inside:avoid}
  a{color:#000;text-decoration:none}
  table{display:table;overflow:visible}
  details::details-content{content-visibility:visible;display:contents}
  details > summary{list-style:none;font-size:1.1rem;font-weight:600;border-top:1px solid var(--line);padding-top:.4rem}
  details > summary::-webkit-details-marker{display:none}
  figure{break-inside:avoid}figure img{max-height:24cm}
  @page{size:A4;margin:14mm 12mm}
  figure img{border:none}
}

"""#

    static let deck = #"""
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{team}}: the talk</title>
<style>
:root { --fg: #1b1f24; --bg: #ffffff; --accent: #0b3d91; --muted: #57606a; --line: #d0d7de; --band: #f3f6fb; }
html, body { margin: 0; height: 100%; background: #20232a; color: var(--fg);
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
.slide { display: none; position: absolute; left: 0; top: 0; width: 1280px; height: 720px; box-sizing: border-box;
  background: var(--bg); transform-origin: 0 0; overflow: hidden; }
.slide.current { display: block; }
.frame { box-sizing: border-box; height: 672px; padding: 40px 64px 0; overflow: hidden; }
h1 { font-size: 34px; line-height: 1.15; margin: 0 0 24px; color: var(--accent); border-bottom: 4px solid var(--accent); padding-bottom: 12px; }
.content { display: flex; gap: 40px; align-items: flex-start; font-size: 24px; line-height: 1.4; }
.body { flex: 1 1 55%; min-width: 0; }
.with-figure .content { font-size: 21px; }
.with-figure .body { flex: 1 1 56%; }
figure { flex: 1 1 44%; margin: 0; }
figure img { display: block; width: 100%; max-height: 540px; object-fit: contain; object-position: top; }
#title .content, #ask .content { font-size: 30px; }
/* The architecture is wide: the diagram across the slide, the picks under it in two columns. */
#architecture .content { flex-direction: column-reverse; gap: 16px; font-size: 20px; }
#architecture figure, #architecture .body { flex: none; width: 100%; }
#architecture figure img { max-height: 360px; }
#architecture ul { columns: 2; column-gap: 40px; } #architecture li { break-inside: avoid; }
ul { margin: 0; padding-left: 1.2em; } li { margin: 0.2em 0; }
p { margin: 0 0 0.5em; }
table { border-collapse: collapse; font-size: 18px; margin: 0 0 16px; }
th, td { border-bottom: 1px solid var(--line); padding: 3px 10px; text-align: left; }
td:first-child { white-space: nowrap; }
th { background: var(--band); }
td[align="right"], th[align="right"] { text-align: right; }
code { font-size: 0.85em; background: var(--band); padding: 0 4px; border-radius: 3px; }
footer { position: absolute; left: 0; right: 0; bottom: 0; height: 48px; box-sizing: border-box; padding: 12px 64px;
  display: flex; justify-content: space-between; color: var(--muted); font-size: 16px; border-top: 1px solid var(--line); }
.backup h1 { color: var(--muted); border-color: var(--muted); }
.notes { display: none !important; }
@media print {
  html, body { background: none; }
  .slide { display: block; position: relative; transform: none !important; page-break-after: always; }
  @page { size: 1280px 720px; margin: 0; }
}
</style>
</head>
<body>
{{#slides}}
<section class="{{classes}}" id="{{id}}" aria-label="{{label}}">
<div class="frame"><h1>{{title}}</h1><div class="content"><div class="body">
{{{bodyHTML}}}</div>{{{figureHTML}}}</div></div>
<aside class="notes" hidden data-speaker="{{speaker}}" data-time="{{time}}">{{notes}}</aside>
<footer><span>{{team}}</span><span>{{number}}</span></footer>
</section>
{{/slides}}
<script>
(function () {
  var slides = document.querySelectorAll(".slide");
  var i = 0, presenter = null, started = null;
  if (location.hash === "#check") {
    // Overflow check: every slide's frame must hold its content at 1280×720.
    var out = [];
    for (var k = 0; k < slides.length; k++) {
      slides[k].style.display = "block";
      var f = slides[k].querySelector(".frame");
      if (f.scrollHeight > f.clientHeight + 1 || f.scrollWidth > f.clientWidth + 1)
        out.push(slides[k].id + " " + f.scrollHeight + " " + f.clientHeight + " " + f.scrollWidth + " " + f.clientWidth);
      slides[k].style.display = "";
    }
    var pre = document.createElement("pre");
    pre.id = "deck-check";
    pre.textContent = "checked " + slides.length + "\n" + out.join("\n");
    document.body.appendChild(pre);
    return;
  }
  function fit() {
    var s = Math.min(window.innerWidth / 1280, window.innerHeight / 720);
    var x = (window.innerWidth - 1280 * s) / 2, y = (window.innerHeight - 720 * s) / 2;
    for (var k = 0; k < slides.length; k++) slides[k].style.transform = "translate(" + x + "px," + y + "px) scale(" + s + ")";
  }
  function text(el) { return el ? el.textContent : ""; }
  function updatePresenter() {
    if (!presenter || presenter.closed) return;
    var notes = slides[i].querySelector(".notes");
    var next = slides[i + 1] ? text(slides[i + 1].querySelector("h1")) : "(end)";
    var d = presenter.document;
    d.getElementById("now").textContent = (i + 1) + " / " + slides.length + ": " + text(slides[i].querySelector("h1"));
    d.getElementById("who").textContent = notes.getAttribute("data-speaker") + " · " + notes.getAttribute("data-time");
    d.getElementById("notes").textContent = text(notes);
    d.getElementById("next").textContent = "Next: " + next;
  }
  function openPresenter() {
    presenter = window.open("", "bakeoff-presenter", "width=900,height=600");
    if (!presenter) return;
    started = started || Date.now();
    presenter.document.title = "Presenter view";
    presenter.document.body.innerHTML = '<p id="now" style="font:bold 22px system-ui"></p><p id="who" style="font:18px system-ui;color:#57606a"></p>'
      + '<p id="notes" style="font:24px/1.5 system-ui"></p><p id="next" style="font:18px system-ui;color:#57606a"></p><p id="clock" style="font:bold 28px system-ui"></p>';
    presenter.addEventListener("keydown", key);
    setInterval(function () {
      if (!presenter || presenter.closed) return;
      var s = Math.floor((Date.now() - started) / 1000);
      presenter.document.getElementById("clock").textContent = Math.floor(s / 60) + ":" + ("0" + s % 60).slice(-2);
    }, 500);
    updatePresenter();
  }
  function show(n) {
    i = Math.max(0, Math.min(slides.length - 1, n));
    for (var k = 0; k < slides.length; k++) slides[k].classList.toggle("current", k === i);
    if (history.replaceState) history.replaceState(null, "", "#" + slides[i].id);
    updatePresenter();
  }
  function key(e) {
    if (e.key === "ArrowRight" || e.key === "PageDown" || e.key === " ") { show(i + 1); e.preventDefault(); }
    else if (e.key === "ArrowLeft" || e.key === "PageUp") { show(i - 1); e.preventDefault(); }
    else if (e.key === "Home") show(0);
    else if (e.key === "End") show(slides.length - 1);
    else if (e.key === "p") openPresenter();
  }
  var start = 0;
  for (var k = 0; k < slides.length; k++) if ("#" + slides[k].id === location.hash) start = k;
  fit();
  window.addEventListener("resize", fit);
  show(start);
  document.addEventListener("keydown", key);
})();
</script>
</body>
</html>

"""#

    static let checkin = #"""
{{#groupDetails}}
# Check-in {{number}}: group details

- **Group:** {{group}}
- **Members:** {{members}}
- **Posted by:** {{poster}}
- **Company:** {{company}}
- **Data-science team:** {{dataScienceTeam}}
- **Product:** {{product}}
- **Due:** {{due}}

## Stages and who assesses them

| Stage | Candidates (assessors) |
| --- | --- |
{{#stages}}
| {{title}} | {{candidates}} |
{{/stages}}
{{/groupDetails}}
{{#stage}}
# Check-in {{number}}: {{title}}

**Group:** {{group}} · **Posted by:** {{poster}} · **Due:** {{due}}

**Question:** {{question}}

## Tools assessed

| Tool | Assessed by | What it is |
| --- | --- | --- |
{{#tools}}
| {{tool}} | {{assessors}} | {{summary}} |
{{/tools}}

## How we compare them

{{#scenario}}
{{description}}

{{#steps}}
{{number}}. {{title}}
{{/steps}}
{{#parameters}}

Parameters: {{.}}.
{{/parameters}}
{{/scenario}}
{{^scenario}}
On sourced facts: licence, hosting, pricing, release cadence, support and integrations.
{{/scenario}}

Criteria: {{criteria}}.

## First results

{{#results}}
| Rank | Tool | Score |{{#criteria}} {{.}} |{{/criteria}}
| ---: | --- | ---: |{{#criteria}} ---: |{{/criteria}}
{{#rows}}
| {{rank}} | {{tool}} | {{score}} |{{#scores}} {{.}} |{{/scores}}
{{/rows}}

{{leader}}

{{measured}}
{{/results}}
{{^results}}
No results yet: the scenario runs this week.
{{/results}}
{{/stage}}
{{^groupDetails}}
{{^stage}}
# Check-in {{number}}
{{/stage}}
{{/groupDetails}}
{{#hasRecommendation}}

## Our recommendation so far

{{#recommendation}}
- {{stage}}: **{{tool}}**{{#reason}} — {{.}}{{/reason}}
{{/recommendation}}
{{/hasRecommendation}}

"""#

    static let marp = #"""
---
marp: true
theme: default
size: 16:9
paginate: true
style: |
  section { font-size: 26px; }
  table { font-size: 20px; }
  h1 { font-size: 40px; color: #0b3d91; }
---

{{#slides}}
{{^first}}

---

{{/first}}
# {{title}}

{{#image}}
![bg right:45% fit]({{.}})

{{/image}}
{{body}}
{{^backup}}

<!--
Speaker: {{speaker}} ({{time}})
{{notes}}
-->
{{/backup}}
{{/slides}}

"""#

    static let qa = #"""
# {{team}}: questions the CTO may ask

{{^questions}}
No question prepared: there is no evidence to question yet.
{{/questions}}
{{#questions}}
## {{number}}. {{question}}

{{answer}}

Evidence: {{evidence}}
{{^last}}

{{/last}}
{{/questions}}

"""#

    static let peerReview = #"""
# Peer evaluation: {{name}}

Group: {{team}}. The facts below come from the project; the grade and the reasoning are yours.

## What {{name}} did (facts)

- Tools assessed: {{tools}}
- Check-in posts made: {{posts}} of {{checkins}}
- Slides presented: {{slides}}
- Planned speaking time: {{speakingTime}} (with slide changes)

## Evaluation by (your name)

Grade: ______

Reasoning:



"""#

    static let timing = #"""
{{slideHeader}}  words   time  change  speaker
{{#parts}}
{{slide}}  {{words}}  {{time}}  {{change}}  {{speaker}}
{{/parts}}

{{#speakers}}
{{name}}: {{time}}{{#under}}  under {{.}}{{/under}}
{{/speakers}}
total: {{total}} of {{limit}} ({{margin}} s safety margin kept: {{kept}})
{{#problems}}
problem: {{.}}
{{/problems}}
{{#warnings}}
warning: {{.}}
{{/warnings}}

"""#
}
