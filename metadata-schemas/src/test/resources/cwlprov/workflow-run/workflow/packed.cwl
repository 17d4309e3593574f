{
    "$graph": [
        {
            "class": "CommandLineTool",
            "baseCommand": "sort",
            "inputs": [
                {
                    "type": "File",
                    "inputBinding": {
                        "position": 1
                    },
                    "id": "#sort.cwl/infile"
                }
            ],
            "stdout": "sorted.txt",
            "id": "#sort.cwl",
            "outputs": [
                {
                    "type": "File",
                    "id": "#sort.cwl/sorted",
                    "outputBinding": {
                        "glob": "sorted.txt"
                    }
                }
            ]
        },
        {
            "class": "Workflow",
            "inputs": [
                {
                    "type": "File",
                    "id": "#main/events"
                }
            ],
            "outputs": [
                {
                    "type": "File",
                    "outputSource": "#main/sortstep/sorted",
                    "id": "#main/result"
                }
            ],
            "steps": [
                {
                    "run": "#sort.cwl",
                    "in": [
                        {
                            "source": "#main/events",
                            "id": "#main/sortstep/infile"
                        }
                    ],
                    "out": [
                        "#main/sortstep/sorted"
                    ],
                    "id": "#main/sortstep"
                }
            ],
            "id": "#main"
        }
    ],
    "cwlVersion": "v1.2"
}