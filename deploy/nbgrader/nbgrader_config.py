# nbgrader configuration for courses whose notebooks run on the boltzbook Go
# kernel. Copy this file into the course directory (the folder holding
# source/, release/, submitted/ ...) and set course_id; see README.md,
# "Teaching". Tested with nbgrader 0.9.6 (pinned in requirements.txt).
c = get_config()

c.CourseDirectory.course_id = "boltzbook"

# What `nbgrader generate_assignment` puts where a solution was. nbgrader
# picks the stub by the notebook's language (metadata.kernelspec.language,
# "go" for boltzbook); it has none for Go by default. This is the same
# placeholder as `boltzbook assign release`, so both release the same
# notebook.
c.ClearSolutions.code_stub = {
    "go": 'panic("not implemented yet") // YOUR CODE HERE',
    "python": "# YOUR CODE HERE\nraise NotImplementedError()",
}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# Autograding runs every submission in a fresh kernel process (the kernel
# named in the released notebook: nbgrader restores it, and the graded
# cells, if a student changed them). A cell that runs longer than this many
# seconds is interrupted, scores zero, and grading goes on with the next
# cell. The keys run in under a minute; allow for a slow student solution.
c.Execute.timeout = 300
c.Execute.interrupt_on_timeout = True

# Students' notebooks are graded in full mode; set BOLTZBOOK_QUICK=1 in the
# environment of `nbgrader autograde` for the small CI-sized runs.
