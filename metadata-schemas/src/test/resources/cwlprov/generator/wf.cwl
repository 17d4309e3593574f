cwlVersion: v1.2
class: Workflow
inputs:
  events: File
outputs:
  result:
    type: File
    outputSource: sortstep/sorted
steps:
  sortstep:
    run: sort.cwl
    in:
      infile: events
    out: [sorted]
